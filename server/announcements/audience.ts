// Who an announcement reaches: everyone, or the union of its departments' people, each once.
// Resolved when the fan-out runs, from the memberships of the people active at that moment:
// someone deactivated before it gets nothing; what they received before stays theirs.
import { Prisma, type Db } from '../db/client.js';

/** Every fan-out inserts under this lock so notification ids grow in commit order; clients
 *  catch up with "ids after the last one I saw", which a later-committing smaller id would break. */
const NOTIFICATION_INSERT_LOCK = 0x4865726c; // "Herl"

export function audienceSql(announcement: { id: string; audienceType: 'all' | 'departments' }): Prisma.Sql {
  return announcement.audienceType === 'all'
    ? Prisma.sql`SELECT u.id AS "userId" FROM "User" u WHERE u.active`
    : Prisma.sql`SELECT DISTINCT m."userId" FROM "Membership" m
        JOIN "AnnouncementDepartment" ad ON ad."departmentId" = m."departmentId"
        JOIN "User" u ON u.id = m."userId" AND u.active
        WHERE ad."announcementId" = ${announcement.id}::uuid`;
}

/** Creates the announcement's notifications (idempotent) and returns how many it has in all. */
export async function insertNotifications(
  tx: Db,
  announcement: { id: string; audienceType: 'all' | 'departments' },
): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NOTIFICATION_INSERT_LOCK})`;
  await tx.$executeRaw`
    INSERT INTO "Notification" ("announcementId", "userId")
    SELECT ${announcement.id}::uuid, a."userId" FROM (${audienceSql(announcement)}) a
    ORDER BY a."userId"
    ON CONFLICT ("announcementId", "userId") DO NOTHING`;
  return tx.notification.count({ where: { announcementId: announcement.id } });
}
