// Reading announcements for staff: the list, one announcement, its recipients.
import type { Db, Prisma } from '../db/client.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';

const authorSelect = {
  author: { select: { id: true, name: true } },
  apiKey: { select: { id: true, name: true } },
} as const;

/** Who published: a person, or a system through an API key (shown by the key's name). */
export type Author = { type: 'user' | 'apiKey'; id: string; name: string };

export function authorOf(a: { author: { id: string; name: string } | null; apiKey: { id: string; name: string } | null }): Author {
  if (a.author) return { type: 'user', ...a.author };
  if (a.apiKey) return { type: 'apiKey', ...a.apiKey };
  return { type: 'user', id: '', name: '' }; // neither: its author was removed from the database
}

/** Staff see all; everyone else the ones they wrote. */
export function ownedWhere(user: Pick<SessionUser, 'id' | 'role'>): Prisma.AnnouncementWhereInput {
  return isStaff(user) ? {} : { authorId: user.id };
}

export async function listAnnouncements(db: Db, user: Pick<SessionUser, 'id' | 'role'>, limit = 100) {
  const rows = await db.announcement.findMany({
    where: ownedWhere(user),
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: {
      id: true, title: true, priority: true, status: true, publishedAt: true, scheduledAt: true,
      recipientCount: true, ...authorSelect,
    },
  });
  return rows.map(({ author, apiKey, ...row }) => ({ ...row, author: authorOf({ author, apiKey }) }));
}

export async function getAnnouncement(db: Db, id: string) {
  const a = await db.announcement.findUnique({
    where: { id },
    include: { ...authorSelect, departments: { include: { department: true } } },
  });
  if (!a) return null;
  const departments = a.departments.map(({ department: d }) => ({ id: d.id, slug: d.slug, name: d.name }));
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    bodyHtml: a.bodyHtml,
    audience: a.audienceType === 'all' ? { type: 'all' as const } : { type: 'departments' as const, departmentIds: departments.map((d) => d.id) },
    channels: a.channels,
    priority: a.priority,
    requireAck: a.requireAck,
    status: a.status,
    scheduledAt: a.scheduledAt,
    expiresAt: a.expiresAt,
    publishedAt: a.publishedAt,
    editedAt: a.editedAt,
    retractedAt: a.retractedAt,
    remindAfterHours: a.remindAfterHours,
    remindDueAt: a.remindDueAt,
    lastRemindedAt: a.lastRemindedAt,
    reminderRounds: a.reminderRounds,
    recipientCount: a.recipientCount,
    author: authorOf(a),
    departments,
  };
}

/** May `user` see this announcement's details and numbers? Staff and its author may. */
export function canInspect(user: Pick<SessionUser, 'id' | 'role'>, announcement: { author: Author }): boolean {
  return isStaff(user) || (announcement.author.type === 'user' && announcement.author.id === user.id);
}

export async function listRecipients(db: Db, announcementId: string, filter: 'unacknowledged' | 'unread' | undefined, limit: number) {
  const where: Prisma.NotificationWhereInput = { announcementId };
  if (filter === 'unacknowledged') where.ackAt = null;
  if (filter === 'unread') where.readAt = null;
  const rows = await db.notification.findMany({
    where,
    orderBy: { id: 'asc' },
    take: limit,
    select: {
      readAt: true,
      ackAt: true,
      user: { select: { id: true, name: true, email: true, memberships: { select: { department: { select: { slug: true } } } } } },
    },
  });
  return rows.map((r) => ({
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    departments: r.user.memberships.map((m) => m.department.slug).sort(),
    readAt: r.readAt,
    ackAt: r.ackAt,
  }));
}
