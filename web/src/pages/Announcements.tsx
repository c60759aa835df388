// Announcements this user may follow (own for managers, all for communicators and admins).
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18nContext';
import type { MessageKey } from '../i18n';
import { href } from '../lib/router';
import { useAnnouncementUpdates } from '../state/announcementEvents';
import { useFetch } from '../state/useFetch';
import type { AnnouncementSummary } from '../types';
import { When } from '../components/When';

export function statusKey(status: string): MessageKey | null {
  const known = ['published', 'scheduled', 'cancelled', 'draft', 'expired', 'retracted'];
  return known.includes(status) ? (`status.${status}` as MessageKey) : null;
}

export function Announcements() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useFetch(() => api.get<AnnouncementSummary[]>('/api/announcements'), []);
  useAnnouncementUpdates(null, () => void reload(), 1000);
  const list = Array.isArray(data) ? data : [];

  return (
    <div className="announcements">
      <h1>{t('ann.listTitle')}</h1>
      {error && <ErrorNotice error={error} onRetry={reload} />}
      {loading && !data && <p role="status">{t('common.loading')}</p>}
      {data && list.length === 0 && <p className="empty">{t('ann.empty')}</p>}
      {list.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('ann.listTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('ann.colTitle')}</th>
                <th scope="col">{t('ann.colStatus')}</th>
                <th scope="col">{t('priority.label')}</th>
                <th scope="col">{t('ann.colAuthor')}</th>
                <th scope="col">{t('ann.colDate')}</th>
                <th scope="col" className="num">
                  {t('ann.colRecipients')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => {
                const key = statusKey(a.status);
                return (
                  <tr key={a.id} data-testid="announcement-row" data-id={a.id}>
                    <th scope="row">
                      <a href={href(`/announcements/${encodeURIComponent(String(a.id))}`)}>{a.title}</a>
                    </th>
                    <td>
                      <span className={`tag tag-status-${a.status}`}>{key ? t(key) : a.status}</span>
                    </td>
                    <td>{t(`priority.${a.priority}`)}</td>
                    <td>{a.author?.name}</td>
                    <td>
                      <When iso={a.publishedAt ?? a.scheduledAt} />
                    </td>
                    <td className="num">{a.recipientCount ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
