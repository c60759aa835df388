// An announcement's notifications, created page by page, each page committed in its own
// transaction and emitted live (when the announcement is in-app) as soon as it has committed.
// The first recipients are reached after the first small page instead of after the whole
// audience's insert, and for a large audience the next page's insert (Postgres) runs while
// this page goes out (this process and Redis): the next insert starts the moment a page has
// committed, before anything else is done with it.
//
// What went out is one cursor per announcement (Announcement.emittedThrough): pages commit and
// go out in id order, so "every notification up to this id" is one number, moved once per
// page, where a row-by-row `emittedAt` update cost as much as the insert itself.
import type { Context } from '../context.js';
import { insertNotificationPage, lastRecipient, type NotificationPage } from '../announcements/audience.js';
import type { Channel } from '../db/generated/enums.js';
import { sharedPayload } from '../inbox/notifications.js';
import { deliverBatch } from '../realtime/emitter.js';
import type { DeliveryBatch } from '../realtime/events.js';

/** Small first pages reach the first people within milliseconds; large ones keep a big audience fast. */
export const PAGE_SIZES = [500, 2_000, 5_000];
const RESEND_PAGE = 5_000;

type Announcement = Omit<Parameters<typeof sharedPayload>[0], 'departments'> & {
  audienceType: 'all' | 'departments';
  channels: Channel[];
  departments: { departmentId: string; department: { slug: string } }[];
};
type Shared = DeliveryBatch['shared'];

/** Creates (and emits) every notification of the announcement; returns how many it has in all. */
export async function createNotifications(ctx: Context, a: Announcement): Promise<number> {
  const shared = a.channels.includes('in_app') ? sharedPayload(a) : null;
  const after = await lastRecipient(ctx.prisma, a.id);
  // A fan-out that stopped half-way may have committed pages it never emitted: those first,
  // then it goes on after the last person it reached.
  if (after !== null && shared) await emitLeftovers(ctx, a.id, shared);

  const audience = { id: a.id, audienceType: a.audienceType, departmentIds: a.departments.map((d) => d.departmentId) };
  type Inserted = { page: NotificationPage; size: number };
  const insert = (from: string | null, i: number): Promise<Inserted> => {
    const size = PAGE_SIZES[Math.min(i, PAGE_SIZES.length - 1)]!;
    const inserting = insertNotificationPage(ctx.prisma, audience, from, size).then((page) => ({ page, size }));
    inserting.catch(() => {}); // awaited in the loop; not an unhandled rejection meanwhile
    return inserting;
  };
  let next: Promise<Inserted> | null = insert(after, 0);
  let emitting: Promise<void> = Promise.resolve();
  let emitFailed = false;
  try {
    for (let i = 1; next; i++) {
      const { page, size }: Inserted = await next;
      // Postgres inserts the next page while this process sends this one.
      next = page.covered < size || page.last === null ? null : insert(page.last, i);
      // Published right after its commit, in the same turn: the pages of every fan-out this
      // process runs reach Redis in commit order, which is id order (what `since` relies on).
      // Never after a page that failed to go out: this attempt stops there, its retry resends.
      const previous = emitting;
      if (emitFailed) await previous; // throws
      if (shared && page.created.length > 0) {
        emitting = emitPage(ctx, a.id, shared, page.created, previous);
        emitting.catch(() => (emitFailed = true)); // awaited below; not an unhandled rejection meanwhile
      }
      await previous; // at most one page waits on Redis while the next one is inserted
    }
    await emitting;
  } catch (err) {
    // Nothing of this attempt may still run once it has failed: a retry could otherwise read
    // the cursor or the last recipient before a page or a cursor move of this one landed.
    await Promise.allSettled([next, emitting]);
    throw err;
  }
  return ctx.prisma.notification.count({ where: { announcementId: a.id } });
}

/** One Redis message to every api node (sent before this returns its promise), then the
 *  cursor. The cursor says "every id up to here went out", so it moves only once the pages
 *  before this one (`before`) went out too: their publish may have failed where this one's
 *  did not (Redis came back in between). */
async function emitPage(ctx: Context, announcementId: string, shared: Shared, recipients: [string, string][], before: Promise<void> = Promise.resolve()): Promise<void> {
  deliverBatch(ctx.emitter, { shared, recipients });
  // Commands on one connection run in order: the PING answers once the publish went out.
  await ctx.redis.ping();
  await before;
  const through = BigInt(recipients[recipients.length - 1]![1]);
  await ctx.prisma.$executeRaw`
    UPDATE "Announcement" SET "emittedThrough" = GREATEST(COALESCE("emittedThrough", 0), ${through})
    WHERE id = ${announcementId}::uuid`;
  ctx.metrics.notificationsDelivered.inc({ channel: 'in_app' }, recipients.length);
}

/**
 * Emits what an earlier attempt committed but did not emit: this announcement's ids after the
 * cursor, up to its largest id (so the scan of the id index stays within its own range).
 */
async function emitLeftovers(ctx: Context, announcementId: string, shared: Shared): Promise<void> {
  const [bounds] = await ctx.prisma.$queryRaw<{ from: bigint | null; to: bigint | null }[]>`
    SELECT (SELECT COALESCE("emittedThrough", 0) FROM "Announcement" WHERE id = ${announcementId}::uuid) AS from,
           (SELECT max(id) FROM "Notification" WHERE "announcementId" = ${announcementId}::uuid) AS to`;
  let from = bounds?.from ?? 0n;
  const to = bounds?.to ?? 0n;
  while (from < to) {
    const rows = await ctx.prisma.$queryRaw<{ userId: string; id: bigint }[]>`
      SELECT "userId"::text AS "userId", id FROM "Notification"
      WHERE id > ${from} AND id <= ${to} AND "announcementId" = ${announcementId}::uuid AND "emittedAt" IS NULL
      ORDER BY id LIMIT ${RESEND_PAGE}`;
    if (rows.length === 0) return;
    await emitPage(ctx, announcementId, shared, rows.map((r) => [r.userId, r.id.toString()]));
    from = rows[rows.length - 1]!.id;
  }
}
