// A person's inbox: list (and search), unread count, read and acknowledge, read all.
import { Prisma, type Db } from '../db/client.js';
import type { InboxPage, ReceiptResponse } from '../wire/index.js';
import { notificationInclude, toPayload, visibleWhere } from './notifications.js';
import { searchCondition } from './search.js';

export interface InboxQuery {
  limit: number;
  before?: bigint;
  filter?: 'unread' | 'ack_required';
  department?: string;
  /** Words to search for in title and body. */
  q?: string;
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { ...visibleWhere(userId), readAt: null } });
}

export async function listInbox(db: Db, userId: string, q: InboxQuery): Promise<InboxPage> {
  const [rows, unread] = await Promise.all([q.q ? searchInbox(db, userId, q) : pageInbox(db, userId, q), unreadCount(db, userId)]);
  return { items: rows.map(toPayload), unreadCount: unread };
}

function pageInbox(db: Db, userId: string, q: InboxQuery) {
  const announcement: Prisma.AnnouncementWhereInput = {};
  if (q.filter === 'ack_required') announcement.requireAck = true;
  if (q.department) announcement.departments = { some: { department: { slug: q.department } } };
  const where = visibleWhere(userId, announcement);
  if (q.before !== undefined) where.id = { lt: q.before };
  if (q.filter === 'unread') where.readAt = null;
  if (q.filter === 'ack_required') where.ackAt = null;
  return db.notification.findMany({ where, include: notificationInclude, orderBy: { id: 'desc' }, take: q.limit });
}

/** The same page, narrowed to announcements matching `q.q` (the same visibility rules as
 *  visibleWhere, in SQL: the full-text match has no Prisma filter). */
async function searchInbox(db: Db, userId: string, q: InboxQuery) {
  const and: Prisma.Sql[] = [
    Prisma.sql`n."userId" = ${userId}::uuid`,
    Prisma.sql`a.status = 'published'`,
    Prisma.sql`(a."expiresAt" IS NULL OR a."expiresAt" > now())`,
    searchCondition(q.q!),
  ];
  if (q.before !== undefined) and.push(Prisma.sql`n.id < ${q.before}`);
  if (q.filter === 'unread') and.push(Prisma.sql`n."readAt" IS NULL`);
  if (q.filter === 'ack_required') and.push(Prisma.sql`a."requireAck" AND n."ackAt" IS NULL`);
  if (q.department) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "AnnouncementDepartment" ad JOIN "Department" d ON d.id = ad."departmentId"
      WHERE ad."announcementId" = a.id AND d.slug = ${q.department})`);
  }
  const ids = await db.$queryRaw<{ id: bigint }[]>`
    SELECT n.id FROM "Notification" n JOIN "Announcement" a ON a.id = n."announcementId"
    WHERE ${Prisma.join(and, ' AND ')}
    ORDER BY n.id DESC LIMIT ${q.limit}`;
  if (ids.length === 0) return [];
  return db.notification.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include: notificationInclude, orderBy: { id: 'desc' } });
}

export type ReceiptResult = ReceiptResponse | null;

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

/**
 * Marks every visible unread notification read (not acknowledged: confirming stays a choice
 * made one by one). Returns when, the announcements whose numbers moved, and the count left.
 */
export async function readAll(db: Db, userId: string): Promise<{ readAt: Date; marked: number; announcementIds: string[]; unreadCount: number }> {
  const readAt = new Date();
  const rows = await db.$queryRaw<{ announcementId: string }[]>`
    UPDATE "Notification" n SET "readAt" = ${readAt}
    FROM "Announcement" a
    WHERE a.id = n."announcementId" AND n."userId" = ${userId}::uuid AND n."readAt" IS NULL
      AND a.status = 'published' AND (a."expiresAt" IS NULL OR a."expiresAt" > now())
    RETURNING n."announcementId"`;
  return { readAt, marked: rows.length, announcementIds: rows.map((r) => r.announcementId), unreadCount: await unreadCount(db, userId) };
}
