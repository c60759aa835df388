// Reach of one announcement: recipients, per-channel delivery, reads and confirmations.
import type { Db } from '../db/client.js';
import type { Channel, DeliveryStatus } from '../db/generated/enums.js';

type Counts = Record<DeliveryStatus, number>;
const zero = (): Counts => ({ pending: 0, sent: 0, failed: 0, skipped: 0 });

export async function announcementStats(db: Db, announcementId: string) {
  const [announcement, totals, deliveries, byDepartment, failures] = await Promise.all([
    db.announcement.findUniqueOrThrow({ where: { id: announcementId }, select: { channels: true, audienceType: true } }),
    db.$queryRaw<{ recipients: bigint; emitted: bigint; read: bigint; acknowledged: bigint }[]>`
      SELECT count(*) AS recipients, count("emittedAt") AS emitted, count("readAt") AS read, count("ackAt") AS acknowledged
      FROM "Notification" WHERE "announcementId" = ${announcementId}::uuid`,
    db.delivery.groupBy({ by: ['channel', 'status'], where: { announcementId }, _count: { _all: true } }),
    db.$queryRaw<{ slug: string; name: string; recipients: bigint; read: bigint; acknowledged: bigint }[]>`
      SELECT d.slug, d.name, count(n.id) AS recipients, count(n."readAt") AS read, count(n."ackAt") AS acknowledged
      FROM "Notification" n
      JOIN "Membership" m ON m."userId" = n."userId"
      JOIN "Department" d ON d.id = m."departmentId"
      WHERE n."announcementId" = ${announcementId}::uuid
      GROUP BY d.slug, d.name ORDER BY d.slug`,
    db.delivery.findMany({
      where: { announcementId, status: 'failed' },
      select: { id: true, channel: true, target: true, error: true, attempts: true, updatedAt: true },
      orderBy: { updatedAt: 'desc' },
      take: 100,
    }),
  ]);
  const t = totals[0]!;
  const recipients = Number(t.recipients);
  const channels: Record<Channel, Counts> = { in_app: zero(), email: zero(), slack: zero() };
  if (announcement.channels.includes('in_app')) {
    channels.in_app.sent = Number(t.emitted);
    channels.in_app.pending = recipients - Number(t.emitted);
  }
  for (const row of deliveries) channels[row.channel][row.status] = row._count._all;
  return {
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
    failures,
  };
}
