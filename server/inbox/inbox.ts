// A person's inbox: list, unread count, read and acknowledge.
import type { Db, Prisma } from '../db/client.js';
import { notificationInclude, toPayload, visibleWhere, type NotificationPayload } from './notifications.js';

export interface InboxQuery {
  limit: number;
  before?: bigint;
  filter?: 'unread' | 'ack_required';
  department?: string;
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { ...visibleWhere(userId), readAt: null } });
}

export async function listInbox(db: Db, userId: string, q: InboxQuery) {
  const announcement: Prisma.AnnouncementWhereInput = {};
  if (q.filter === 'ack_required') announcement.requireAck = true;
  if (q.department) announcement.departments = { some: { department: { slug: q.department } } };
  const where = visibleWhere(userId, announcement);
  if (q.before !== undefined) where.id = { lt: q.before };
  if (q.filter === 'unread') where.readAt = null;
  if (q.filter === 'ack_required') where.ackAt = null;
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where, include: notificationInclude, orderBy: { id: 'desc' }, take: q.limit }),
    unreadCount(db, userId),
  ]);
  return { items: rows.map(toPayload), unreadCount: unread };
}

export type ReceiptResult = { notification: NotificationPayload; unreadCount: number } | null;

/** Marks read (and, for `ack`, acknowledged, which implies read). Repeating it changes nothing. */
export async function recordReceipt(db: Db, userId: string, id: bigint, kind: 'read' | 'ack'): Promise<ReceiptResult> {
  const row = await db.notification.findFirst({ where: { ...visibleWhere(userId), id }, include: notificationInclude });
  if (!row) return null;
  const now = new Date();
  const data: Prisma.NotificationUpdateInput = {};
  if (!row.readAt) data.readAt = now;
  if (kind === 'ack' && !row.ackAt) data.ackAt = now;
  const updated = Object.keys(data).length
    ? await db.notification.update({ where: { id }, data, include: notificationInclude })
    : row;
  return { notification: toPayload(updated), unreadCount: await unreadCount(db, userId) };
}
