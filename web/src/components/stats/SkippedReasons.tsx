// Why deliveries were skipped, with the reason each one recorded: a channel that is off on the
// server ("email is off: SMTP_URL is not set"), a department without a Slack channel, a
// person's email preference, a retraction.
import { useI18n } from '../../i18nContext';
import type { AnnouncementStats } from '../../types';

/** Reasons recorded as codes read as sentences; the others are shown as recorded. */
const KNOWN = { preference: 'stats.skip.preference', retracted: 'stats.skip.retracted' } as const;

export function SkippedReasons({ stats }: { stats: AnnouncementStats }) {
  const { t } = useI18n();
  const rows = Array.isArray(stats.skippedReasons) ? stats.skippedReasons.filter((r) => r.count > 0) : [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="skipped-title">
      <h2 id="skipped-title">{t('stats.skippedTitle')}</h2>
      <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="skipped-title">
        <table className="table" data-testid="skipped-reasons">
          <thead>
            <tr>
              <th scope="col">{t('stats.channel')}</th>
              <th scope="col">{t('stats.skippedReason')}</th>
              <th scope="col" className="num">{t('stats.skippedCount')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.channel}:${r.reason}`} data-channel={r.channel}>
                <td>{t(`channel.${r.channel}`)}</td>
                <td className="break">{r.reason in KNOWN ? t(KNOWN[r.reason as keyof typeof KNOWN]) : r.reason}</td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
