// The sign-in form: the till's API client id and secret, exchanged for a token held in memory.
import { useState } from 'preact/hooks';
import type { ApiFailure } from '../api/api-failure.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useRequest } from '../ui/use-request.ts';
import { Session } from './session.ts';

export interface SignInNotice {
  message?: MessageKey;
  failure?: ApiFailure;
}

export function SignInScreen({
  onSignedIn,
  onExpired,
  notice,
}: {
  onSignedIn: (session: Session) => void;
  onExpired: (failure: ApiFailure) => void;
  notice?: SignInNotice;
}) {
  const { t } = useLanguage();
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [touched, setTouched] = useState(false);
  const signIn = useRequest<Session>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (!clientId.trim() || !secret) return;
    const session = await signIn.run(() => Session.signIn(clientId.trim(), secret, onExpired));
    if (session) {
      setSecret('');
      onSignedIn(session);
    }
  };

  return (
    <section class="panel sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signIn.title')}</h2>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="client_id"
          label={t('signIn.clientId')}
          value={clientId}
          onValue={setClientId}
          autocomplete="username"
          autoFocus
          autocapitalize="off"
          spellcheck={false}
          required
          error={touched && !clientId.trim() ? t('form.required') : undefined}
        />
        <TextField
          name="client_secret"
          type="password"
          label={t('signIn.clientSecret')}
          value={secret}
          onValue={setSecret}
          autocomplete="current-password"
          required
          error={touched && !secret ? t('form.required') : undefined}
        />
        <button type="submit" class="button-primary" disabled={signIn.busy}>
          {signIn.busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <LiveRegion>
        {signIn.failure ? (
          <Refusal failure={signIn.failure} />
        ) : notice?.failure ? (
          <Refusal failure={notice.failure} />
        ) : notice?.message ? (
          <p class="notice">{t(notice.message)}</p>
        ) : null}
      </LiveRegion>
    </section>
  );
}
