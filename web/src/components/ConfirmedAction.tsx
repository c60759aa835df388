// A destructive action with an inline second step (instead of window.confirm): a button that
// asks the question, then "yes" runs it and "no" (focused first) takes it back.
import { useState } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18nContext';
import type { MessageKey } from '../i18n';

interface Props {
  /** Prefix of the test ids: `<name>-button`, `<name>-confirm`, and of the question's id. */
  name: string;
  labels: { action: MessageKey; question: MessageKey; yes: MessageKey; no: MessageKey };
  run: () => Promise<unknown>;
  onDone: () => void;
}

export function ConfirmedAction({ name, labels, run, onDone }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function confirm() {
    setBusy(true);
    setError('');
    try {
      await run();
      setAsking(false);
    } catch (err) {
      setError(err instanceof ApiError && err.message ? err.message : t('common.error'));
    } finally {
      setBusy(false);
      onDone();
    }
  }

  if (!asking) {
    return (
      <button type="button" className="button-danger" data-testid={`${name}-button`} onClick={() => setAsking(true)}>
        {t(labels.action)}
      </button>
    );
  }
  return (
    <div className="notice" role="group" aria-labelledby={`${name}-question`}>
      <p id={`${name}-question`}>{t(labels.question)}</p>
      <div className="button-row">
        <button type="button" className="button-danger" data-testid={`${name}-confirm`} disabled={busy} onClick={() => void confirm()}>
          {t(labels.yes)}
        </button>
        <button type="button" className="button-quiet" onClick={() => setAsking(false)} autoFocus>
          {t(labels.no)}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
