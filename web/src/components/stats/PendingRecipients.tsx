// The people who have not confirmed (or, without confirmation, not read) yet.
import { useI18n } from '../../i18nContext';
import type { Recipient } from '../../types';

interface Props {
  recipients: Recipient[] | null;
  requireAck: boolean;
  departmentName: (slug: string) => string;
}

export function PendingRecipients({ recipients, requireAck, departmentName }: Props) {
  const { t } = useI18n();
  if (!recipients) return null;
  const title = requireAck ? t('stats.notConfirmed') : t('stats.notRead');
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">
        {title} <span className="count">({recipients.length})</span>
      </h2>
      {recipients.length === 0 ? (
        <p className="muted">{requireAck ? t('stats.allConfirmed') : t('stats.allRead')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="pending-title">
          <table className="table" data-testid="pending-recipients">
            <thead>
              <tr>
                <th scope="col">{t('stats.name')}</th>
                <th scope="col">{t('stats.email')}</th>
                <th scope="col">{t('stats.department')}</th>
                <th scope="col">{t('stats.read')}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((r) => (
                <tr key={r.userId} data-testid="pending-recipient" data-user-id={r.userId}>
                  <td>{r.name}</td>
                  <td className="break">{r.email}</td>
                  <td>{(r.departments ?? []).map(departmentName).join(', ')}</td>
                  <td>{r.readAt ? '✓' : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
