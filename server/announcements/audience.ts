// Who an announcement reaches: everyone, or the union of its departments' people, each once.
// Resolved when the fan-out runs, from the memberships of the people active at that moment:
// someone deactivated before it gets nothing; what they received before stays theirs.
import { Prisma, type Db, type PrismaClient } from '../db/client.js';

/** Every fan-out inserts under this lock so notification ids grow in commit order; clients
 *  catch up with "ids after the last one I saw", which a later-committing smaller id would break. */
export const NOTIFICATION_INSERT_LOCK = 0x4865726c; // "Herl"

/**
 * The user ids of an announcement's audience. Department ids are given as values (not joined
 * from AnnouncementDepartment) so that Postgres plans with them: a page of a large
 * department then walks Membership's (userId, departmentId) key in order and stops at the
 * page's end, instead of collecting the whole department for every page.
 */
export function audienceSql(announcement: { audienceType: 'all' | 'departments'; departmentIds: string[] }): Prisma.Sql {
  return announcement.audienceType === 'all'
    ? Prisma.sql`SELECT u.id AS "userId" FROM "User" u WHERE u.active`
    : Prisma.sql`SELECT DISTINCT m."userId" FROM "Membership" m
        JOIN "User" u ON u.id = m."userId" AND u.active
        WHERE m."departmentId" = ANY(${announcement.departmentIds}::uuid[])`;
}

export interface NotificationPage {
  /** The notifications this call created, oldest first: [userId, notification id]. */
  created: [string, string][];
  /** How many audience members the page covered (created now or before): fewer than asked
   *  means the audience ends here. */
  covered: number;
  /** The last of them, or null when none was left. */
  last: string | null;
}

/**
 * Creates the notifications of the next `limit` audience members after `after` (by user id),
 * in one transaction of its own, so that a large audience is reached page by page as its
 * rows commit instead of after the last one. Idempotent: members who have theirs already are
 * skipped (and not returned). Ids are taken in user id order under the lock.
 */
export async function insertNotificationPage(
  prisma: PrismaClient,
  announcement: { id: string; audienceType: 'all' | 'departments'; departmentIds: string[] },
  after: string | null,
  limit: number,
): Promise<NotificationPage> {
  const rows = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NOTIFICATION_INSERT_LOCK})`;
    return tx.$queryRaw<{ created: [string, string][] | null; covered: number; last: string | null }[]>`
      WITH page AS (
        SELECT a."userId" FROM (${audienceSql(announcement)}) a
        ${after === null ? Prisma.empty : Prisma.sql`WHERE a."userId" > ${after}::uuid`}
        ORDER BY a."userId" LIMIT ${limit}
      ), added AS (
        INSERT INTO "Notification" ("announcementId", "userId")
        SELECT ${announcement.id}::uuid, "userId" FROM page ORDER BY "userId"
        ON CONFLICT ("announcementId", "userId") DO NOTHING
        RETURNING id, "userId"
      )
      SELECT (SELECT json_agg(json_build_array("userId", id::text) ORDER BY id) FROM added) AS created,
             (SELECT count(*)::int FROM page) AS covered,
             (SELECT "userId"::text FROM page ORDER BY "userId" DESC LIMIT 1) AS last`;
  }, { timeout: 60_000 });
  return { created: rows[0]?.created ?? [], covered: rows[0]?.covered ?? 0, last: rows[0]?.last ?? null };
}

/** The audience member with the largest user id who has this announcement's notification:
 *  where a fan-out that stopped half-way resumes. */
export async function lastRecipient(db: Db, announcementId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ userId: string }[]>`
    SELECT "userId"::text AS "userId" FROM "Notification" WHERE "announcementId" = ${announcementId}::uuid
    ORDER BY "userId" DESC LIMIT 1`;
  return rows[0]?.userId ?? null;
}

/** How many people `audience` reaches right now: the same resolution the fan-out makes (active
 *  users of the current memberships, each once), so the composer's "Send to N people?" is true. */
export async function countAudience(db: Db, audience: { type: 'all' } | { type: 'departments'; departmentIds: string[] }): Promise<number> {
  const departmentIds = audience.type === 'departments' ? [...new Set(audience.departmentIds)] : [];
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${audienceSql({ audienceType: audience.type, departmentIds })}) a`;
  return rows[0]?.n ?? 0;
}
