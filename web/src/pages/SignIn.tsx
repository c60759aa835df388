// Sign-in form. The session lives in an httpOnly cookie set by the server; we never keep the token.
// Which ways in are on comes from /api/auth/providers: single sign-on is a plain link (the
// server redirects to the identity provider and back), the password form may be turned off.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18nContext';
import type { MessageKey } from '../i18n';

export interface Providers {
  password: boolean;
  oidc: { name: string } | null;
}

/** What to offer while the answer is not in, or if it never comes: the password form. */
const FALLBACK: Providers = { password: true, oidc: null };

export function SignIn({ onSignedIn }: { onSignedIn: () => Promise<void> | void }) {
  const { t } = useI18n();
  const [providers, setProviders] = useState<Providers | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey } | { text: string } | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  /** Bumped by every refused attempt, so focus returns to the form each time (see below). */
  const [attempt, setAttempt] = useState(0);

  // A refused sign-in: the submit button was disabled while it ran, which drops focus to
  // <body>. Put it back on the first field, which the error message describes.
  useEffect(() => {
    if (attempt > 0) emailRef.current?.focus();
  }, [attempt]);

  useEffect(() => {
    let live = true;
    api
      .get<Providers>('/api/auth/providers', { quiet401: true })
      .then((p) => live && setProviders(p))
      .catch(() => live && setProviders(FALLBACK));
    return () => {
      live = false;
    };
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError({ key: 'signin.required' });
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/login', { email: email.trim(), password }, { quiet401: true });
      await onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError({ key: 'signin.invalid' });
      else if (err instanceof ApiError && err.status === 429) setError({ key: 'signin.tooMany' });
      else if (err instanceof ApiError && err.status === 0) setError({ key: 'common.network' });
      else if (err instanceof ApiError && err.message) setError({ text: err.message });
      else setError({ key: 'common.error' });
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const message = error ? ('key' in error ? t(error.key) : error.text) : '';
  if (!providers) {
    return (
      <div className="signin">
        <h1>{t('signin.title')}</h1>
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  return (
    <div className="signin">
      <h1>{t('signin.title')}</h1>
      <p className="muted">{t('signin.intro')}</p>
      {providers.oidc && (
        <div className="signin-sso">
          {!providers.password && <p>{t('sso.only')}</p>}
          <a className="button-link button-primary" href="/api/auth/oidc/login">
            {t('sso.signInWith', { name: providers.oidc.name })}
          </a>
          {providers.password && <p className="muted">{t('sso.or')}</p>}
        </div>
      )}
      {providers.password && (
        <form onSubmit={submit} noValidate aria-describedby={message ? 'signin-error' : undefined}>
          <div className="field">
            <label htmlFor="signin-email">{t('signin.email')}</label>
            <input
              ref={emailRef}
              id="signin-email"
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={message ? 'signin-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">{t('signin.password')}</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={message ? 'signin-error' : undefined}
            />
          </div>
          <p id="signin-error" className="form-error" role="alert">
            {message}
          </p>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('signin.submitting') : t('signin.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
