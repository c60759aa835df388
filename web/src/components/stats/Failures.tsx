// Failed deliveries, with one button to re-send them all.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18nContext';
import { deliveryErrorKey } from '../../lib/deliveryErrors';
import type { AnnouncementStats, Channel } from '../../types';

interface Props {
  announcementId: string;
  stats: AnnouncementStats;
  onRetried: () => void;
}

export function Failures({ announcementId, stats, onRetried }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const failures = Array.isArray(stats.failures) ? stats.failures : null;
  const failedCount = (Object.keys(stats.channels ?? {}) as Channel[]).reduce(
    (sum, c) => sum + (stats.channels[c]?.failed ?? 0),
    0,
  );
  if (!failures && failedCount === 0) return null;

  async function retry() {
    setBusy(true);
    setMessage('');
    try {
      const res = await api.post<{ retried: number }>(`/api/announcements/${encodeURIComponent(announcementId)}/retry`);
      setMessage(t('stats.retried', { count: res?.retried ?? 0 }));
      onRetried();
    } catch (err) {
      setMessage(err instanceof ApiError && err.message ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  const hasFailures = (failures?.length ?? 0) > 0 || failedCount > 0;
  return (
    <section aria-labelledby="failures-title">
      <h2 id="failures-title">{t('stats.failures')}</h2>
      {!hasFailures && <p className="muted">{t('stats.noFailures')}</p>}
      {failures && failures.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="failures-title">
          <table className="table" data-testid="failures">
            <thead>
              <tr>
                <th scope="col">{t('stats.channel')}</th>
                <th scope="col">{t('stats.target')}</th>
                <th scope="col">{t('stats.error')}</th>
                <th scope="col" className="num">{t('stats.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr key={f.id} data-testid="failure-row">
                  <td>{t(`channel.${f.channel}`)}</td>
                  <td className="break">{f.department ? t('stats.slackTarget', { name: f.department.name, channel: f.target }) : f.target}</td>
                  <td className="break" data-testid="failure-reason">
                    {t(deliveryErrorKey(f.channel, f.error))}
                    {f.error && (
                      <details className="raw-reason">
                        <summary>{t('delivery.rawReason')}</summary>
                        <code>{f.error}</code>
                      </details>
                    )}
                  </td>
                  <td className="num">{f.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasFailures && (
        <button type="button" className="button-primary" data-testid="retry-button" disabled={busy} onClick={() => void retry()}>
          {t('stats.retry')}
        </button>
      )}
      <p role="status" className="muted">
        {message}
      </p>
    </section>
  );
}
