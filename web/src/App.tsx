// Session handling: probe /api/me, show sign-in or the signed-in app, react to 401s.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized } from './api';
import { Header } from './components/Header';
import { I18nProvider, useI18n } from './i18nContext';
import { navigate, useRoute } from './lib/router';
import { SetPassword } from './pages/SetPassword';
import { SignIn } from './pages/SignIn';
import { SignedInApp } from './SignedInApp';
import type { Locale, Me } from './types';

type Session = { status: 'loading' } | { status: 'error' } | { status: 'signedOut' } | { status: 'signedIn'; me: Me };

function normalizeMe(me: Me): Me {
  return {
    ...me,
    id: String(me.id),
    departments: (me.departments ?? []).map((d) => ({ ...d, id: String(d.id) })),
  };
}

function SignedOutLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="main main-narrow">
        {children}
      </main>
    </>
  );
}

function SessionError({ onRetry }: { onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert">
      <p>{t('common.network')}</p>
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('common.loading')}</p>;
}

export function App() {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  /** A language picked on the sign-in page, applied to the account once signed in. */
  const chosenWhileSignedOut = useRef<Locale | null>(null);
  /** Whether the session began with the sign-in form on this page (for where focus goes). */
  const [viaForm, setViaForm] = useState(false);

  const loadMe = useCallback(async () => {
    try {
      let me = normalizeMe(await api.get<Me>('/api/me', { quiet401: true }));
      const chosen = chosenWhileSignedOut.current;
      chosenWhileSignedOut.current = null;
      if (chosen && chosen !== me.locale) {
        me = { ...me, locale: chosen };
        api.patch<Me>('/api/me', { locale: chosen }).catch(() => undefined);
      }
      setSession({ status: 'signedIn', me });
    } catch (err) {
      setSession(err instanceof ApiError && err.status === 401 ? { status: 'signedOut' } : { status: 'error' });
    }
  }, []);

  useEffect(() => {
    void loadMe();
    return onUnauthorized(() => setSession({ status: 'signedOut' }));
  }, [loadMe]);

  const signedInMe = session.status === 'signedIn' ? session.me : undefined;
  const route = useRoute();

  const onLocaleChange = useCallback(
    (locale: Locale) => {
      if (!signedInMe) {
        chosenWhileSignedOut.current = locale;
        return;
      }
      setSession({ status: 'signedIn', me: { ...signedInMe, locale } });
      api.patch<Me>('/api/me', { locale }).catch(() => {
        // Remembered locally anyway; the server copy will catch up next time.
      });
    },
    [signedInMe],
  );

  const signedIn = useCallback(async () => {
    setViaForm(true);
    // The inbox route first, so the signed-in app starts on it (and focuses its heading).
    navigate('/inbox');
    await loadMe();
  }, [loadMe]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { quiet401: true });
    } catch {
      // Signed out locally either way.
    }
    setSession({ status: 'signedOut' });
    document.title = 'Heraldo';
  }, []);

  let content: ReactNode;
  if (route.name === 'setPassword') {
    // The invitation link works whoever is (or is not) signed in on this browser.
    content = (
      <SignedOutLayout>
        <SetPassword />
      </SignedOutLayout>
    );
  } else if (session.status === 'signedIn') {
    content = <SignedInApp key={session.me.id} me={session.me} onSignOut={signOut} onUnauthorized={() => setSession({ status: 'signedOut' })} arrivedFromSignIn={viaForm} />;
  } else if (session.status === 'signedOut') {
    content = (
      <SignedOutLayout>
        <SignIn onSignedIn={signedIn} />
      </SignedOutLayout>
    );
  } else {
    content = <SignedOutLayout>{session.status === 'error' ? <SessionError onRetry={loadMe} /> : <Loading />}</SignedOutLayout>;
  }

  return (
    <I18nProvider userLocale={signedInMe?.locale} timeZone={signedInMe?.timezone} onChange={onLocaleChange}>
      {content}
    </I18nProvider>
  );
}
