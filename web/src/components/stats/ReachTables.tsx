// Reach per channel and per department.
import { useI18n } from '../../i18nContext';
import { percent } from '../../lib/dates';
import { CHANNELS, type AnnouncementStats, type Channel } from '../../types';

/** `channels`: the ones the announcement was sent through (others are left out). */
export function ChannelTable({ stats, channels }: { stats: AnnouncementStats; channels?: Channel[] }) {
  const { t } = useI18n();
  const rows = CHANNELS.filter((c) => stats.channels?.[c] && (!channels?.length || channels.includes(c)));
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="by-channel">
      <h2 id="by-channel">{t('stats.byChannel')}</h2>
      <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="by-channel">
        <table className="table" data-testid="stats-channels">
          <thead>
            <tr>
              <th scope="col">{t('stats.channel')}</th>
              <th scope="col" className="num">{t('stats.sent')}</th>
              <th scope="col" className="num">{t('stats.pending')}</th>
              <th scope="col" className="num">{t('stats.failed')}</th>
              <th scope="col" className="num">{t('stats.skipped')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const s = stats.channels[c]!;
              return (
                <tr key={c} data-channel={c}>
                  <th scope="row">{t(`channel.${c}`)}</th>
                  <td className="num" data-stat="sent">{s.sent ?? 0}</td>
                  <td className="num" data-stat="pending">{s.pending ?? 0}</td>
                  <td className={`num${s.failed ? ' is-bad' : ''}`} data-stat="failed">{s.failed ?? 0}</td>
                  <td className="num" data-stat="skipped">{s.skipped ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DepartmentTable({ stats }: { stats: AnnouncementStats }) {
  const { t, locale } = useI18n();
  const rows = Array.isArray(stats.byDepartment) ? stats.byDepartment : [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="by-department">
      <h2 id="by-department">{t('stats.byDepartment')}</h2>
      <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="by-department">
        <table className="table" data-testid="stats-departments">
          <thead>
            <tr>
              <th scope="col">{t('stats.department')}</th>
              <th scope="col" className="num">{t('stats.recipients')}</th>
              <th scope="col" className="num">{t('stats.read')}</th>
              <th scope="col" className="num">{t('stats.acknowledged')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.slug} data-department={d.slug}>
                <th scope="row">{d.name}</th>
                <td className="num">{d.recipients}</td>
                <td className="num">
                  {d.read} <span className="muted">({percent(d.read, d.recipients, locale)})</span>
                </td>
                <td className="num">
                  {d.acknowledged} <span className="muted">({percent(d.acknowledged, d.recipients, locale)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
