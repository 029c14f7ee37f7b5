// The header: the console's name, the language switch, and who is signed in with the way out.
import { LANGS } from '../i18n/dictionary.ts';
import { useLanguage } from '../i18n/language-context.tsx';

export function Header({ clientId, onSignOut }: { clientId?: string; onSignOut: () => void }) {
  const { lang, t, setLang } = useLanguage();
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <h1 class="app-title">{t('app.title')}</h1>
      <div class="header-tools">
        <div role="group" aria-label={t('lang.switch')} class="lang-switch">
          {LANGS.map((option) => (
            <button key={option} type="button" lang={option === 'fr' ? 'fr-CA' : 'en-CA'} aria-pressed={lang === option} onClick={() => setLang(option)}>
              {t(option === 'en' ? 'lang.en' : 'lang.fr')}
            </button>
          ))}
        </div>
        {clientId && (
          <div class="session-info">
            <span>{t('session.signedInAs', { client: clientId })}</span>
            <button type="button" class="button-secondary" onClick={onSignOut}>
              {t('session.signOut')}
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
