// Everyone's own choices: how much email, quiet hours in their time zone, desktop notifications.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { describedBy, FieldError } from '../components/FieldError';
import { useI18n } from '../i18nContext';
import { desktopPermission, desktopSupported, requestDesktopPermission } from '../lib/desktop';
import type { Me, Preferences as Prefs } from '../types';

const EMAIL_CHOICES = ['all', 'important', 'digest', 'none'] as const;

interface Props {
  me: Me;
  preferences: Prefs | null;
  onSaved: (p: Prefs) => void;
}

export function Preferences({ me, preferences, onSaved }: Props) {
  const { t } = useI18n();
  const [email, setEmail] = useState<Prefs['email']>('all');
  const [quiet, setQuiet] = useState(false);
  const [start, setStart] = useState('22:00');
  const [end, setEnd] = useState('07:00');
  const [desktop, setDesktop] = useState(false);
  const [permission, setPermission] = useState(desktopPermission);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [failure, setFailure] = useState('');

  // Start from what the server says, once it has said it.
  useEffect(() => {
    if (!preferences) return;
    setEmail(preferences.email);
    setQuiet(Boolean(preferences.quietHours));
    if (preferences.quietHours) {
      setStart(preferences.quietHours.start);
      setEnd(preferences.quietHours.end);
    }
    setDesktop(preferences.desktop);
  }, [preferences]);

  async function toggleDesktop(on: boolean) {
    setDesktop(on);
    // Asking needs this click: browsers show the prompt only in answer to a gesture.
    if (on) setPermission(await requestDesktopPermission());
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (quiet && start === end) {
      setErrors({ 'quietHours.end': t('life.prefs.quiet.same') });
      return;
    }
    setStatus('saving');
    setErrors({});
    setFailure('');
    try {
      const saved = await api.patch<Prefs>('/api/me/preferences', { email, quietHours: quiet ? { start, end } : null, desktop });
      onSaved(saved);
      setStatus('saved');
    } catch (err) {
      setStatus('idle');
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(err.fields);
      else setFailure(err instanceof ApiError && err.message ? err.message : t('common.error'));
    }
  }

  const quietError = errors['quietHours.start'] ?? errors['quietHours.end'] ?? errors.quietHours;
  return (
    <div className="preferences">
      <div className="page-head">
        <h1>{t('life.prefs.title')}</h1>
        <p className="muted">{t('life.prefs.intro')}</p>
      </div>
      <form onSubmit={(e) => void save(e)} noValidate data-testid="preferences-form">
        <fieldset className="field" aria-describedby={describedBy('prefs-mandatory', errors.email && 'prefs-email-error')}>
          <legend>{t('life.prefs.email')}</legend>
          {EMAIL_CHOICES.map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" name="email" value={choice} data-testid={`prefs-email-${choice}`} checked={email === choice} onChange={() => setEmail(choice)} />
              {t(`life.prefs.email.${choice}`)}
            </label>
          ))}
          <p id="prefs-mandatory" className="hint">{t('life.prefs.mandatory')}</p>
          <FieldError id="prefs-email-error" message={errors.email} />
        </fieldset>

        <fieldset className="field" aria-describedby={describedBy('prefs-quiet-hint', quietError && 'prefs-quiet-error')}>
          <legend>{t('life.prefs.quiet')}</legend>
          <label className="choice">
            <input type="checkbox" data-testid="prefs-quiet" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
            {t('life.prefs.quiet.on')}
          </label>
          <div className="field-row">
            <div className="field">
              <label htmlFor="prefs-quiet-start">{t('life.prefs.quiet.start')}</label>
              <input id="prefs-quiet-start" type="time" data-testid="prefs-quiet-start" value={start} disabled={!quiet} required onChange={(e) => setStart(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="prefs-quiet-end">{t('life.prefs.quiet.end')}</label>
              <input id="prefs-quiet-end" type="time" data-testid="prefs-quiet-end" value={end} disabled={!quiet} required onChange={(e) => setEnd(e.target.value)} />
            </div>
          </div>
          <p id="prefs-quiet-hint" className="hint">{t('life.prefs.quiet.hint', { zone: me.timezone ?? 'UTC' })}</p>
          <FieldError id="prefs-quiet-error" message={quietError} />
        </fieldset>

        <fieldset className="field">
          <legend>{t('life.prefs.desktop')}</legend>
          <label className="choice">
            <input type="checkbox" data-testid="prefs-desktop" checked={desktop} disabled={!desktopSupported()} onChange={(e) => void toggleDesktop(e.target.checked)} />
            {t('life.prefs.desktop.on')}
          </label>
          {!desktopSupported() && <p className="hint">{t('life.prefs.desktop.unsupported')}</p>}
          {desktop && permission === 'denied' && <p className="hint" role="status">{t('life.prefs.desktop.denied')}</p>}
          <FieldError id="prefs-desktop-error" message={errors.desktop} />
        </fieldset>

        <div className="button-row">
          <button type="submit" className="button-primary" data-testid="prefs-save" disabled={status === 'saving' || !preferences}>
            {status === 'saving' ? t('life.prefs.saving') : t('life.prefs.save')}
          </button>
        </div>
        {status === 'saved' && (
          <p className="notice notice-success" role="status" data-testid="prefs-saved">
            {t('life.prefs.saved')}
          </p>
        )}
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
      </form>
    </div>
  );
}
