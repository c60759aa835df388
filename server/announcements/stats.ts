// Reach of one announcement: recipients, per-channel delivery, reads and confirmations.
import type { Db } from '../db/client.js';
import type { Channel } from '../db/generated/enums.js';
import type { AnnouncementStats, ChannelStats, SkipReason } from '../wire/index.js';

const zero = (): ChannelStats => ({ pending: 0, sent: 0, failed: 0, skipped: 0 });

const zeroReasons = (): Record<SkipReason, number> => ({ preference: 0, retracted: 0, off: 0, other: 0 });

export function skipReason(error: string | null): SkipReason {
  if (error === 'preference') return 'preference';
  if (error === 'retracted') return 'retracted';
  // The channel is off (no SMTP_URL / SLACK_BOT_TOKEN), or has nowhere to post.
  if (error && /is off|is not set|has no Slack channel/.test(error)) return 'off';
  return 'other';
}

/** GET /api/announcements/:id/stats. Dates are sent as ISO text, as JSON would write them. */
export async function announcementStats(db: Db, announcementId: string): Promise<AnnouncementStats> {
  const [announcement, totals, deliveries, byDepartment, failures, skips] = await Promise.all([
    db.announcement.findUniqueOrThrow({
      where: { id: announcementId },
      select: { channels: true, audienceType: true, status: true, reminderRounds: true, lastRemindedAt: true, remindDueAt: true },
    }),
    db.$queryRaw<{ recipients: bigint; emitted: bigint; read: bigint; acknowledged: bigint }[]>`
      SELECT count(*) AS recipients,
             -- emitted live: up to the fan-out's cursor (older rows carry their own emittedAt)
             count(*) FILTER (WHERE "emittedAt" IS NOT NULL
               OR id <= (SELECT "emittedThrough" FROM "Announcement" WHERE id = ${announcementId}::uuid)) AS emitted,
             count("readAt") AS read, count("ackAt") AS acknowledged
      FROM "Notification" WHERE "announcementId" = ${announcementId}::uuid`,
    db.delivery.groupBy({ by: ['channel', 'kind', 'status'], where: { announcementId }, _count: { _all: true } }),
    db.$queryRaw<{ slug: string; name: string; recipients: bigint; read: bigint; acknowledged: bigint }[]>`
      SELECT d.slug, d.name, count(n.id) AS recipients, count(n."readAt") AS read, count(n."ackAt") AS acknowledged
      FROM "Notification" n
      JOIN "Membership" m ON m."userId" = n."userId"
      JOIN "Department" d ON d.id = m."departmentId"
      WHERE n."announcementId" = ${announcementId}::uuid
      GROUP BY d.slug, d.name ORDER BY d.slug`,
    db.delivery.findMany({
      where: { announcementId, status: 'failed' },
      select: { id: true, channel: true, target: true, error: true, attempts: true, updatedAt: true, departmentId: true },
      orderBy: { updatedAt: 'desc' },
      take: 100,
    }),
    db.delivery.groupBy({ by: ['channel', 'error'], where: { announcementId, status: 'skipped', kind: 'announcement' }, _count: { _all: true } }),
  ]);
  // A Slack post's target is a channel id; the department it stands for says more to a reader.
  const departmentIds = [...new Set(failures.flatMap((f) => (f.departmentId ? [f.departmentId] : [])))];
  const departments = new Map(
    departmentIds.length === 0 ? [] : (await db.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, slug: true, name: true } })).map((d) => [d.id, { slug: d.slug, name: d.name }]),
  );
  const t = totals[0]!;
  const recipients = Number(t.recipients);
  const channels: Record<Channel, ChannelStats> = { in_app: zero(), email: zero(), slack: zero() };
  if (announcement.channels.includes('in_app')) {
    channels.in_app.sent = Number(t.emitted);
    channels.in_app.pending = recipients - Number(t.emitted);
  }
  const reminders = zero();
  for (const row of deliveries) {
    if (row.kind === 'reminder') reminders[row.status] += row._count._all;
    else channels[row.channel][row.status] = row._count._all;
  }
  const skipped: Record<'email' | 'slack', Record<SkipReason, number>> = { email: zeroReasons(), slack: zeroReasons() };
  for (const row of skips) {
    if (row.channel === 'in_app') continue;
    skipped[row.channel][skipReason(row.error)] += row._count._all;
  }
  return {
    status: announcement.status,
    recipients,
    channels,
    read: Number(t.read),
    acknowledged: Number(t.acknowledged),
    byDepartment: byDepartment.map((d) => ({
      slug: d.slug,
      name: d.name,
      recipients: Number(d.recipients),
      read: Number(d.read),
      acknowledged: Number(d.acknowledged),
    })),
    failures: failures.map(({ departmentId, ...f }) => ({
      ...f,
      department: (departmentId && departments.get(departmentId)) || null,
      updatedAt: f.updatedAt.toISOString(),
    })),
    /** Skipped announcement deliveries by reason (preference, retracted, off, other). */
    skipped,
    /** The same, with each reason as recorded on the deliveries (e.g. "email is off: SMTP_URL
     *  is not set"), most frequent first: what the reach page shows. */
    skippedReasons: skips
      .filter((row) => row.channel !== 'in_app')
      .map((row) => ({ channel: row.channel, reason: row.error ?? '', count: row._count._all }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    reminders: {
      rounds: announcement.reminderRounds,
      lastRemindedAt: announcement.lastRemindedAt?.toISOString() ?? null,
      dueAt: announcement.remindDueAt?.toISOString() ?? null,
      email: reminders,
    },
  };
}
