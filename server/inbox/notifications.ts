// What a notification looks like on the wire (REST and socket), and how it is read from rows.
import type { Db, Prisma } from '../db/client.js';
import type { Notification } from '../wire/index.js';

/** Notification ids are Postgres bigints: a longer (or larger) id names no notification. */
const MAX_NOTIFICATION_ID = 2n ** 63n - 1n;

/** A notification id from its decimal text (REST paths, `before`, a socket's `since`), or null. */
export function parseNotificationId(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const id = BigInt(text);
  return id <= MAX_NOTIFICATION_ID ? id : null;
}

/** A notification on the wire (REST and socket): the shared wire type. */
export type NotificationPayload = Notification;

export const notificationInclude = {
  announcement: {
    select: {
      id: true,
      title: true,
      bodyHtml: true,
      snippet: true,
      priority: true,
      requireAck: true,
      publishedAt: true,
      editedAt: true,
      departments: { select: { department: { select: { slug: true } } } },
    },
  },
} satisfies Prisma.NotificationInclude;

type NotificationRow = Prisma.NotificationGetPayload<{ include: typeof notificationInclude }>;
type AnnouncementPart = NotificationRow['announcement'];

/** The fields every recipient of one announcement shares (built once per fan-out). */
export function sharedPayload(a: AnnouncementPart): Omit<NotificationPayload, 'id' | 'readAt' | 'ackAt'> {
  return {
    announcementId: a.id,
    title: a.title,
    bodyHtml: a.bodyHtml,
    snippet: a.snippet,
    priority: a.priority,
    requireAck: a.requireAck,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    editedAt: a.editedAt?.toISOString() ?? null,
    departments: a.departments.map((d) => d.department.slug).sort(),
  };
}

export function toPayload(row: NotificationRow): NotificationPayload {
  return {
    id: row.id.toString(),
    ...sharedPayload(row.announcement),
    readAt: row.readAt?.toISOString() ?? null,
    ackAt: row.ackAt?.toISOString() ?? null,
  };
}

/** Notifications are visible until their announcement expires, and while it is published (a
 *  retracted one leaves every inbox); `announcement` narrows further. */
export function visibleWhere(userId: string, announcement: Prisma.AnnouncementWhereInput = {}): Prisma.NotificationWhereInput {
  return {
    userId,
    announcement: { ...announcement, status: 'published', OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  };
}

/**
 * Live notifications a client missed: ids after `since`, oldest first, of announcements sent
 * in-app (the inbox also holds email/Slack-only ones, but those never pop up live).
 */
export async function notificationsSince(db: Db, userId: string, since: bigint, limit = 500): Promise<NotificationPayload[]> {
  const rows = await db.notification.findMany({
    where: { ...visibleWhere(userId, { channels: { has: 'in_app' } }), id: { gt: since } },
    include: notificationInclude,
    orderBy: { id: 'asc' },
    take: limit,
  });
  return rows.map(toPayload);
}
