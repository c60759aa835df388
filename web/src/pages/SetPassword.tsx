// /set-password?token=…: an invited person chooses a password with the one-time token from
// their invitation email. Shown whether or not someone is signed in on this browser.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { describedBy, FieldError } from '../components/FieldError';
import { useI18n } from '../i18nContext';
import { href } from '../lib/router';

export function tokenFromLocation(location: Pick<Location, 'search'> = window.location): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

export function SetPassword() {
  const { t } = useI18n();
  const [token] = useState(() => tokenFromLocation());
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (password.length < 12) next.password = t('setpw.tooShort');
    else if (password !== confirm) next.confirm = t('setpw.mismatch');
    setErrors(next);
    if (Object.keys(next).length) {
      first.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { email } = await api.post<{ email: string }>('/api/auth/password', { token, password }, { quiet401: true });
      // The token is spent: take it out of the address bar and the history.
      window.history.replaceState(null, '', '/#/set-password');
      setDoneEmail(email);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_token') setErrors({ form: t('setpw.invalid') });
      else if (err instanceof ApiError && err.fields.password) setErrors({ password: err.fields.password });
      else if (err instanceof ApiError && err.fields.token) setErrors({ form: t('setpw.invalid') });
      else setErrors({ form: err instanceof ApiError && err.status === 0 ? t('common.network') : t('common.error') });
    } finally {
      setBusy(false);
    }
  }

  if (doneEmail) {
    return (
      <div className="signin">
        <h1>{t('setpw.title')}</h1>
        <p className="notice notice-success" role="status" data-testid="setpw-done">{t('setpw.done', { email: doneEmail })}</p>
        <p><a href={href('/inbox')}>{t('setpw.signIn')}</a></p>
      </div>
    );
  }
  return (
    <div className="signin">
      <h1>{t('setpw.title')}</h1>
      {!token ? (
        <p className="notice notice-error" role="alert">{t('setpw.noToken')}</p>
      ) : (
        <form onSubmit={submit} noValidate data-testid="setpw-form">
          <p className="muted">{t('setpw.intro')}</p>
          <div className="field">
            <label htmlFor="setpw-password">{t('setpw.password')}</label>
            <input ref={first} id="setpw-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)}
              aria-invalid={errors.password ? true : undefined} aria-describedby={describedBy('setpw-hint', errors.password && 'setpw-password-error')} />
            <p id="setpw-hint" className="hint">{t('setpw.hint')}</p>
            <FieldError id="setpw-password-error" message={errors.password} />
          </div>
          <div className="field">
            <label htmlFor="setpw-confirm">{t('setpw.confirm')}</label>
            <input id="setpw-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)}
              aria-invalid={errors.confirm ? true : undefined} aria-describedby={describedBy(errors.confirm && 'setpw-confirm-error')} />
            <FieldError id="setpw-confirm-error" message={errors.confirm} />
          </div>
          <p className="form-error" role="alert" data-testid="setpw-error">{errors.form ?? ''}</p>
          <button type="submit" className="button-primary" disabled={busy}>{busy ? t('setpw.saving') : t('setpw.submit')}</button>
        </form>
      )}
    </div>
  );
}
