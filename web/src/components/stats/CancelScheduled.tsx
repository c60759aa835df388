// Cancel a scheduled announcement, with an inline second step instead of window.confirm.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18nContext';

export function CancelScheduled({ announcementId, onDone }: { announcementId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function cancel() {
    setBusy(true);
    setError('');
    try {
      await api.post(`/api/announcements/${encodeURIComponent(announcementId)}/cancel`);
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
      <button type="button" className="button-danger" data-testid="cancel-button" onClick={() => setAsking(true)}>
        {t('ann.cancel')}
      </button>
    );
  }
  return (
    <div className="notice" role="group" aria-labelledby="cancel-question">
      <p id="cancel-question">{t('ann.cancelConfirm')}</p>
      <div className="button-row">
        <button type="button" className="button-danger" data-testid="cancel-confirm" disabled={busy} onClick={() => void cancel()}>
          {t('ann.cancelYes')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setAsking(false)} autoFocus>
          {t('ann.cancelNo')}
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
