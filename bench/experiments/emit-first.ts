// Variants "emit-first" and "no-rows": server/delivery/notification-pages.ts without the wait
// on Postgres that the live path has today (every page is committed before anyone sees it).
// - emit-first: every recipient's id is drawn first (one statement, under the fan-out lock),
//   every page goes out at once, and the rows are written after, page by page. A client can
//   then hold an id whose row does not exist yet (or never will, after a crash): not a
//   design the hub's promises allow, but the most a "reserve ids, emit, then write" design
//   could gain.
// - no-rows: the same without writing any row: the floor of the hub's live path (HTTP, the
//   queue, the audience query, Redis, the api node's delivery), with no database write at all.
// Only in-app announcements, to everyone or to departments, from a first attempt (no retry).
import type { Context } from '../../server/context.js';
import { NOTIFICATION_INSERT_LOCK, audienceSql } from '../../server/announcements/audience.js';
// The module this one replaces (imports from a replacement are not redirected): the same pages.
import { PAGE_SIZES } from '../../server/delivery/notification-pages.js';
import { sharedPayload } from '../../server/inbox/notifications.js';
import { deliverBatch } from '../../server/realtime/emitter.js';

const WRITE_ROWS = !(process.env.BENCH_VARIANT ?? '').split(',').includes('no-rows');

type Announcement = Omit<Parameters<typeof sharedPayload>[0], 'departments'> & {
  audienceType: 'all' | 'departments';
  departments: { departmentId: string; department: { slug: string } }[];
};

export async function createNotifications(ctx: Context, a: Announcement): Promise<number> {
  const shared = sharedPayload(a);
  const audience = audienceSql({ audienceType: a.audienceType, departmentIds: a.departments.map((d) => d.departmentId) });
  const ids = WRITE_ROWS
    ? await ctx.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NOTIFICATION_INSERT_LOCK})`;
        return tx.$queryRaw<{ userId: string; id: bigint }[]>`
          SELECT u."userId"::text AS "userId", nextval(pg_get_serial_sequence('"Notification"', 'id')) AS id
          FROM (SELECT a."userId" FROM (${audience}) a ORDER BY a."userId") u`;
      })
    : (await ctx.prisma.$queryRaw<{ userId: string }[]>`SELECT a."userId"::text AS "userId" FROM (${audience}) a ORDER BY a."userId"`).map((r, i) => ({ userId: r.userId, id: BigInt(i + 1) }));
  const pages: (typeof ids)[] = [];
  for (let at = 0, i = 0; at < ids.length; i++) {
    const size = PAGE_SIZES[Math.min(i, PAGE_SIZES.length - 1)]!;
    pages.push(ids.slice(at, at + size));
    at += size;
  }
  for (const page of pages) deliverBatch(ctx.emitter, { shared, recipients: page.map((r) => [r.userId, r.id.toString()]) });
  if (!WRITE_ROWS) return ids.length;
  for (const page of pages) {
    await ctx.prisma.$executeRaw`
      INSERT INTO "Notification" (id, "announcementId", "userId")
      SELECT unnest(${page.map((r) => r.id)}::bigint[]), ${a.id}::uuid, unnest(${page.map((r) => r.userId)}::uuid[])
      ON CONFLICT ("announcementId", "userId") DO NOTHING`;
  }
  const last = ids.at(-1);
  if (last) await ctx.prisma.$executeRaw`UPDATE "Announcement" SET "emittedThrough" = ${last.id} WHERE id = ${a.id}::uuid`;
  return ids.length;
}
