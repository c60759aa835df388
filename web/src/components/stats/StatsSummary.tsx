// Headline numbers: recipients, read, confirmed (with rates). The data-testid elements hold
// only the number, so tests can read them exactly.
import { useI18n } from '../../i18nContext';
import { percent } from '../../lib/dates';
import type { AnnouncementStats } from '../../types';

export function StatsSummary({ stats, requireAck }: { stats: AnnouncementStats; requireAck: boolean }) {
  const { t, locale } = useI18n();
  const recipients = stats.recipients ?? 0;
  return (
    <dl className="stat-cards">
      <div className="stat-card">
        <dt>{t('stats.recipients')}</dt>
        <dd>
          <span className="stat-value" data-testid="stat-recipients">
            {recipients}
          </span>
        </dd>
      </div>
      <div className="stat-card">
        <dt>{t('stats.read')}</dt>
        <dd>
          <span className="stat-value" data-testid="stat-read">
            {stats.read ?? 0}
          </span>
          <span className="stat-rate">{t('stats.rate', { pct: percent(stats.read ?? 0, recipients, locale) })}</span>
        </dd>
      </div>
      <div className={`stat-card${requireAck ? '' : ' stat-card-muted'}`}>
        <dt>{t('stats.acknowledged')}</dt>
        <dd>
          <span className="stat-value" data-testid="stat-acknowledged">
            {stats.acknowledged ?? 0}
          </span>
          <span className="stat-rate">
            {t('stats.rate', { pct: percent(stats.acknowledged ?? 0, recipients, locale) })}
          </span>
        </dd>
      </div>
    </dl>
  );
}
