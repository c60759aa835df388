// One announcement: what was sent, to whom, and how far it got. Refreshes (debounced) on
// every `announcement:updated` event for it.
import { useCallback, useState } from 'react';
import { api, ApiError, query } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { AnnouncementLife } from '../components/life/AnnouncementLife';
import { CancelScheduled } from '../components/stats/CancelScheduled';
import { Failures } from '../components/stats/Failures';
import { PendingRecipients, RECIPIENTS_PAGE } from '../components/stats/PendingRecipients';
import { ChannelTable, DepartmentTable } from '../components/stats/ReachTables';
import { SkippedReasons } from '../components/stats/SkippedReasons';
import { StatsSummary } from '../components/stats/StatsSummary';
import { useI18n } from '../i18nContext';
import { takeFlash } from '../lib/flash';
import { href } from '../lib/router';
import { sanitizeHtml } from '../lib/sanitize';
import { useAnnouncementUpdates } from '../state/announcementEvents';
import { useDepartments } from '../state/useDepartments';
import { useFetch } from '../state/useFetch';
import type { AnnouncementDetail, AnnouncementStats, RecipientPage } from '../types';
import { statusKey } from './Announcements';

async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 501)) return null;
    throw err;
  }
}

export function Announcement({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const [flash] = useState(takeFlash);
  const { departments } = useDepartments();
  const path = `/api/announcements/${encodeURIComponent(id)}`;
  const detail = useFetch(() => api.get<AnnouncementDetail>(path), [path]);
  const requireAck = detail.data?.requireAck ?? false;
  const live = useFetch(async () => {
    const [stats, recipients] = await Promise.all([
      optional(api.get<AnnouncementStats>(`${path}/stats`)),
      optional(
        api.get<RecipientPage>(`${path}/recipients${query({ filter: requireAck ? 'unacknowledged' : 'unread', limit: RECIPIENTS_PAGE })}`),
      ),
    ]);
    return { stats, recipients };
  }, [path, requireAck], Boolean(detail.data));

  const { reload: reloadDetail } = detail;
  const { reload: reloadLive } = live;
  const refresh = useCallback(() => {
    void reloadLive();
    void reloadDetail();
  }, [reloadLive, reloadDetail]);
  useAnnouncementUpdates(id, refresh, 500);

  const departmentName = (slug: string) => departments.find((d) => d.slug === slug)?.name ?? slug;
  const a = detail.data;

  return (
    <div className="announcement">
      <p>
        <a href={href('/announcements')}>← {t('common.back')}</a>
      </p>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {detail.error && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      {!a && detail.loading && <p role="status">{t('common.loading')}</p>}
      {a && (
        <>
          <h1 id="announcement-title">{a.title}</h1>
          <p className="meta">
            <span className={`tag tag-status-${a.status}`} data-testid="announcement-status" data-status={a.status}>
              {statusKey(a.status) ? t(statusKey(a.status)!) : a.status}
            </span>
            {a.priority !== 'normal' && <span className={`tag tag-${a.priority}`}>{t(`priority.${a.priority}`)}</span>}
            <span>{t('ann.by', { name: a.author?.name ?? '' })}</span>
            {a.publishedAt && <span>{t('ann.publishedAt', { date: formatDate(a.publishedAt) })}</span>}
            {!a.publishedAt && a.scheduledAt && <span>{t('ann.scheduledFor', { date: formatDate(a.scheduledAt) })}</span>}
            {a.expiresAt && <span>{t('ann.expiresAt', { date: formatDate(a.expiresAt) })}</span>}
            {a.editedAt && <span data-testid="announcement-edited">{t('life.ann.edited', { date: formatDate(a.editedAt) })}</span>}
          </p>
          <p className="meta">
            {a.audience?.type === 'departments'
              ? t('ann.audienceDepartments', { list: (a.departments ?? []).map((d) => d.name).join(', ') })
              : t('ann.audienceAll')}
            {' · '}
            {(a.channels ?? []).map((c) => t(`channel.${c}`)).join(', ')}
          </p>
          {a.status === 'scheduled' && (
            <CancelScheduled announcementId={id} onDone={refresh} />
          )}
          <AnnouncementLife a={a} onDone={refresh} />
          <details className="announcement-body">
            <summary>{t('ann.message')}</summary>
            <div className="prose" dangerouslySetInnerHTML={{ __html: sanitizeHtml(a.bodyHtml ?? '', { code: t('reading.codeBox'), table: t('reading.tableBox') }) }} />
          </details>
        </>
      )}
      {a && (
        <section aria-labelledby="reach-title" className="reach">
          <h2 id="reach-title">{t('stats.title')}</h2>
          <p className="muted">{t('stats.live')}</p>
          {live.error && <ErrorNotice error={live.error} onRetry={live.reload} />}
          {live.data?.stats ? (
            <>
              <StatsSummary stats={live.data.stats} requireAck={a.requireAck} />
              <ChannelTable stats={live.data.stats} channels={a.channels} />
              <SkippedReasons stats={live.data.stats} />
              <DepartmentTable stats={live.data.stats} />
              <Failures announcementId={id} stats={live.data.stats} onRetried={refresh} />
            </>
          ) : (
            !live.loading && !live.error && <p className="muted">{t('stats.notAvailable')}</p>
          )}
          <PendingRecipients
            announcementId={id}
            page={live.data?.recipients ?? null}
            requireAck={a.requireAck}
            total={live.data?.stats ? live.data.stats.recipients - (a.requireAck ? live.data.stats.acknowledged : live.data.stats.read) : null}
            departmentName={departmentName}
          />
        </section>
      )}
    </div>
  );
}
