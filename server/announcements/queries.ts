// Reading announcements for staff: the list, one announcement, its recipients.
import type { Db, Prisma } from '../db/client.js';
import type { AnnouncementStatus } from '../db/generated/enums.js';
import { isStaff } from '../auth/permissions.js';
import type { SessionUser } from '../auth/sessions.js';
import type { AnnouncementDetail, AnnouncementSummary, Author, RecipientPage } from '../wire/index.js';
import { countAudience } from './audience.js';

const authorSelect = {
  author: { select: { id: true, name: true } },
  apiKey: { select: { id: true, name: true } },
} as const;

/** Who published: a person, or a system through an API key (shown by the key's name). */
export function authorOf(a: { author: { id: string; name: string } | null; apiKey: { id: string; name: string } | null }): Author {
  if (a.author) return { type: 'user', ...a.author };
  if (a.apiKey) return { type: 'apiKey', ...a.apiKey };
  return { type: 'user', id: '', name: '' }; // neither: its author was removed from the database
}

/** A date as the wire carries it (what JSON.stringify writes for a Date). */
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** Staff see all; everyone else the ones they wrote. */
export function ownedWhere(user: Pick<SessionUser, 'id' | 'role'>): Prisma.AnnouncementWhereInput {
  return isStaff(user) ? {} : { authorId: user.id };
}

export interface AnnouncementListQuery {
  limit: number;
  /** Id of the last announcement of the previous page. */
  before?: string;
  /** Words the title contains (case-insensitive). */
  q?: string;
  status?: AnnouncementStatus;
}

export async function listAnnouncements(db: Db, user: Pick<SessionUser, 'id' | 'role'>, query: AnnouncementListQuery = { limit: 100 }): Promise<AnnouncementSummary[]> {
  const and: Prisma.AnnouncementWhereInput[] = [ownedWhere(user)];
  if (query.status) and.push({ status: query.status });
  if (query.q) and.push({ title: { contains: query.q, mode: 'insensitive' } });
  if (query.before) {
    // Newest first by (createdAt, id): the page after the cursor is everything below it.
    const cursor = await db.announcement.findUnique({ where: { id: query.before }, select: { createdAt: true } });
    if (!cursor) return [];
    and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: query.before } }] });
  }
  const rows = await db.announcement.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
    select: {
      id: true, title: true, priority: true, status: true, publishedAt: true, scheduledAt: true,
      recipientCount: true, audienceType: true, departments: { select: { departmentId: true } }, ...authorSelect,
    },
  });
  // A scheduled one has no recipients yet (its audience is resolved when it goes out): say
  // how many it would reach today, counted as the fan-out will count (one count per audience).
  const counts = new Map<string, Promise<number>>();
  const expected = (audienceType: 'all' | 'departments', departmentIds: string[]) => {
    const key = `${audienceType}:${[...departmentIds].sort().join(',')}`;
    if (!counts.has(key)) counts.set(key, countAudience(db, audienceType === 'all' ? { type: 'all' } : { type: 'departments', departmentIds }));
    return counts.get(key)!;
  };
  return Promise.all(
    rows.map(async ({ author, apiKey, audienceType, departments, ...row }) => ({
      ...row,
      publishedAt: iso(row.publishedAt),
      scheduledAt: iso(row.scheduledAt),
      expectedRecipients: row.status === 'scheduled' ? await expected(audienceType, departments.map((d) => d.departmentId)) : null,
      author: authorOf({ author, apiKey }),
    })),
  );
}

/** GET /api/announcements/:id. Dates as ISO text, as JSON writes them. */
export async function getAnnouncement(db: Db, id: string): Promise<AnnouncementDetail | null> {
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
    scheduledAt: iso(a.scheduledAt),
    expiresAt: iso(a.expiresAt),
    publishedAt: iso(a.publishedAt),
    editedAt: iso(a.editedAt),
    retractedAt: iso(a.retractedAt),
    remindAfterHours: a.remindAfterHours,
    remindDueAt: iso(a.remindDueAt),
    lastRemindedAt: iso(a.lastRemindedAt),
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

/** One page of recipients in notification order; `nextCursor` (null on the last page) asks
 *  for the next. */
export async function listRecipients(
  db: Db,
  announcementId: string,
  filter: 'unacknowledged' | 'unread' | undefined,
  limit: number,
  cursor?: bigint,
): Promise<RecipientPage> {
  const where: Prisma.NotificationWhereInput = { announcementId };
  if (filter === 'unacknowledged') where.ackAt = null;
  if (filter === 'unread') where.readAt = null;
  if (cursor !== undefined) where.id = { gt: cursor };
  const rows = await db.notification.findMany({
    where,
    orderBy: { id: 'asc' },
    take: limit + 1,
    select: {
      id: true,
      readAt: true,
      ackAt: true,
      user: { select: { id: true, name: true, email: true, memberships: { select: { department: { select: { slug: true } } } } } },
    },
  });
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    departments: r.user.memberships.map((m) => m.department.slug).sort(),
    readAt: iso(r.readAt),
    ackAt: iso(r.ackAt),
  }));
  return { items, nextCursor: rows.length > limit ? page.at(-1)!.id.toString() : null };
}
