// The console's root: the UI language, the session (sign-in or the till's workspace), and sign-out on tab close.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from './api/api-failure.ts';
import { PosApi } from './api/pos-api.ts';
import type { Lang } from './i18n/dictionary.ts';
import { LanguageContext } from './i18n/language-context.tsx';
import { translator } from './i18n/translate.ts';
import { SignInScreen, type SignInNotice } from './session/SignInScreen.tsx';
import type { Session } from './session/session.ts';
import { Header } from './ui/Header.tsx';
import { Workspace } from './workspace.tsx';

function browserLanguage(): Lang {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function App() {
  const [lang, setLang] = useState<Lang>(browserLanguage);
  const [session, setSession] = useState<Session>();
  const [notice, setNotice] = useState<SignInNotice>();
  const t = useMemo(() => translator(lang), [lang]);
  const sessionRef = useRef<Session>();
  sessionRef.current = session;

  useEffect(() => {
    document.documentElement.lang = lang === 'fr' ? 'fr-CA' : 'en-CA';
    document.title = t('app.title');
  }, [lang, t]);

  const endSession = useCallback((next?: SignInNotice) => {
    sessionRef.current?.end();
    setSession(undefined);
    setNotice(next);
  }, []);

  // Closing or leaving the tab signs out: the token only ever lived in this page's memory.
  useEffect(() => {
    const onPageHide = () => endSession();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [endSession]);

  const onExpired = useCallback((failure: ApiFailure) => endSession({ message: 'session.expired', failure }), [endSession]);
  const api = useMemo(() => (session ? new PosApi(session, onExpired) : undefined), [session, onExpired]);

  return (
    <LanguageContext.Provider value={{ lang, t, setLang }}>
      <Header clientId={session?.clientId} onSignOut={() => endSession({ message: 'session.signedOut' })} />
      <main id="main" tabIndex={-1}>
        {session && api ? (
          <Workspace api={api} session={session} />
        ) : (
          <SignInScreen
            notice={notice}
            onExpired={onExpired}
            onSignedIn={(signedIn) => {
              setNotice(undefined);
              setSession(signedIn);
            }}
          />
        )}
      </main>
    </LanguageContext.Provider>
  );
}
