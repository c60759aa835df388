// Postgres is the record; Redis holds only queues. These sweeps find, from Postgres alone,
// the work whose queue job is gone (Redis restarted empty, failed over to an empty replica,
// a job lost between a commit and its enqueue) and queue it again, under the same
// deterministic job id. They look only at what is due, and page through all of it, a bounded
// amount per pass, resuming where the last pass stopped: not-yet-due work, however much of
// it there is, can neither be sent early nor keep due work waiting.
import type { Queue } from 'bullmq';
import type { Context } from '../context.js';
import { Prisma } from '../db/client.js';
import { queueEmailBatches } from './email-batching.js';
import { JOB_OPTIONS, emailJobId, jobId, requeue, type QueueName } from './queues.js';

/** Rows read per query. */
export const ANNOUNCEMENT_PAGE = 50;
export const DELIVERY_PAGE = 1_000;
/** Pages per pass: a pass looks at up to 20,000 pending deliveries; the next pass goes on
 *  from there. */
const DELIVERY_PAGES_PER_PASS = 20;
const ANNOUNCEMENT_PAGES_PER_PASS = 40;

/**
 * Work younger than this is left alone: the request or fan-out that created it is most likely
 * queueing it right now. (Queueing it here too would be harmless, the job id being the same;
 * the grace only saves the work.) It is also the margin for clocks: a job that finished more
 * than this before the row was read, while the row still says pending, lost its write.
 */
export const GRACE_MS = 5_000;

interface PendingRow {
  id: string;
  announcementId: string;
  notificationId: bigint | null;
  channel: 'in_app' | 'email' | 'slack';
  target: string;
  kind: 'announcement' | 'reminder';
  round: number;
  digest: boolean;
  dueAt: Date | null;
  batch: string | null;
  userId: string | null;
}

export interface JobSpec { queue: QueueName; id: string; data: Record<string, unknown> }

/** The job that sends a Delivery row: the same queue, id and data the fan-out, the reminders
 *  and the digests use, so that re-adding it is a no-op while that job exists. */
export function jobForDelivery(d: Pick<PendingRow, 'id' | 'announcementId' | 'channel' | 'target' | 'digest' | 'batch'> & { userId?: string | null }): JobSpec | null {
  if (d.channel === 'slack') return { queue: 'slack', id: jobId.slack(d.announcementId, d.target), data: { deliveryId: d.id } };
  if (d.channel !== 'email') return null;
  const id = emailJobId(d);
  return id ? { queue: 'email', id, data: { batch: id } } : null;
}

type Cursor = { held: true; dueAt: Date; id: string } | { held: false; id: string } | null;

/**
 * Pending deliveries that are due (held ones whose `dueAt` has come, in `dueAt` order, then
 * the ones never held) and whose job is not in Redis. Both reads walk the partial index of
 * pending deliveries, (dueAt, id), in its order.
 */
export function deliverySweep(graceMs = GRACE_MS) {
  let cursor: Cursor = null;
  return async function sweepDeliveries(ctx: Context): Promise<number> {
    // Emails that came due (held ones whose time came, rows whose batching was lost to a
    // crash) get their batch and its job first; the pages below find lost batch jobs.
    const now = Date.now();
    let requeued = await queueEmailBatches(ctx, { kind: 'due', now: new Date(now), settled: new Date(now - graceMs) });
    for (let page = 0; page < DELIVERY_PAGES_PER_PASS; page++) {
      const readAt = Date.now();
      const settled = new Date(readAt - graceMs);
      const rows = await readPending(ctx, cursor, new Date(readAt), settled);
      if (rows.length > 0) {
        const last = rows[rows.length - 1]!;
        cursor = last.dueAt ? { held: true, dueAt: last.dueAt, id: last.id } : { held: false, id: last.id };
        requeued += await requeueMissing(ctx, rows.map(jobForDelivery).filter((j) => j !== null), readAt - graceMs);
      }
      if (rows.length < DELIVERY_PAGE) {
        // The held ones are done: go on with the others. Those done too: start over next pass.
        if (cursor === null || cursor.held) cursor = { held: false, id: '00000000-0000-0000-0000-000000000000' };
        else return ((cursor = null), requeued);
      }
    }
    return requeued;
  };
}

function readPending(ctx: Context, cursor: Cursor, now: Date, settled: Date): Promise<PendingRow[]> {
  const select = Prisma.sql`
    SELECT d.id, d."announcementId", d."notificationId", d.channel, d.target, d.kind, d.round, d.digest, d."dueAt", d.batch, n."userId"
    FROM "Delivery" d LEFT JOIN "Notification" n ON n.id = d."notificationId"`;
  if (cursor === null || cursor.held) {
    const after = cursor ? Prisma.sql`AND (d."dueAt", d.id) > (${cursor.dueAt}, ${cursor.id}::uuid)` : Prisma.empty;
    return ctx.prisma.$queryRaw<PendingRow[]>`${select}
      WHERE d.status = 'pending' AND d."dueAt" <= ${now} ${after} AND d."updatedAt" < ${settled}
      ORDER BY d."dueAt", d.id LIMIT ${DELIVERY_PAGE}`;
  }
  return ctx.prisma.$queryRaw<PendingRow[]>`${select}
    WHERE d.status = 'pending' AND d."dueAt" IS NULL AND d.id > ${cursor.id}::uuid AND d."updatedAt" < ${settled}
    ORDER BY d."dueAt", d.id LIMIT ${DELIVERY_PAGE}`;
}

const DELETE_REMNANT = `if redis.call('HEXISTS', KEYS[1], 'timestamp') == 0 then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Which of these jobs Redis still holds, in one round trip: a job is a hash that always has
 * `timestamp`, and `finishedOn` once it completed or failed for good. Missing jobs are added
 * back in bulk (a no-op for any that another worker, or the fan-out, added meanwhile). A job
 * that finished before its row was read while the row still says "to do" lost the write that
 * recorded it: it runs again (and a run skips a delivery already sent). Returns how many
 * jobs were queued again.
 */
export async function requeueMissing(ctx: Context, wanted: JobSpec[], finishedBefore: number): Promise<number> {
  const specs = [...new Map(wanted.map((s) => [`${s.queue}\n${s.id}`, s])).values()];
  if (specs.length === 0) return 0;
  const queue = (name: QueueName) => ctx.queues[name] as unknown as Queue;
  const pipeline = ctx.redis.pipeline();
  for (const s of specs) pipeline.hmget(queue(s.queue).toKey(s.id), 'timestamp', 'finishedOn');
  const replies = (await pipeline.exec()) ?? [];
  const missing = new Map<QueueName, JobSpec[]>();
  const stale: JobSpec[] = [];
  specs.forEach((s, i) => {
    const [err, value] = replies[i] ?? [new Error('no reply from Redis'), null];
    if (err) throw err;
    const [timestamp, finishedOn] = value as [string | null, string | null];
    if (timestamp === null) missing.set(s.queue, [...(missing.get(s.queue) ?? []), s]);
    else if (finishedOn !== null && Number(finishedOn) < finishedBefore) stale.push(s);
  });
  let count = 0;
  for (const [name, list] of missing) {
    // A hash without `timestamp` is a remnant (a worker wrote to a job whose hash was gone):
    // BullMQ would take it for the job and make the add a no-op, forever. Only remnants are
    // deleted, atomically, so a job another node adds meanwhile is kept.
    const clear = ctx.redis.pipeline();
    for (const s of list) clear.eval(DELETE_REMNANT, 1, queue(name).toKey(s.id));
    await clear.exec();
    await queue(name).addBulk(list.map((s) => ({ name, data: s.data, opts: { ...JOB_OPTIONS[name], jobId: s.id } })));
    count += list.length;
  }
  for (const s of stale) {
    const q = queue(s.queue);
    await requeue(q, s.id, () => q.add(s.queue, s.data, { ...JOB_OPTIONS[s.queue], jobId: s.id })).then(
      () => count++,
      // Another worker's sweep re-ran it a moment ago ("not in failed state"): nothing to do.
      (err: Error) => ctx.logger.debug({ jobId: s.id, err: err.message }, 'stale job already re-run'),
    );
  }
  return count;
}

/**
 * Announcements due to fan out that still carry the "to fan out" mark: published ones, and
 * scheduled ones whose time has come (their delayed job may be gone with Redis). Ones
 * scheduled for later are not even read.
 */
export function announcementSweep(graceMs = GRACE_MS) {
  let cursor: string | null = null;
  return async function sweepAnnouncements(ctx: Context): Promise<number> {
    let requeued = 0;
    for (let page = 0; page < ANNOUNCEMENT_PAGES_PER_PASS; page++) {
      const readAt = Date.now();
      const settled = new Date(readAt - graceMs);
      const due = await ctx.prisma.announcement.findMany({
        where: {
          fanoutPending: true,
          OR: [{ status: 'published', createdAt: { lt: settled } }, { status: 'scheduled', scheduledAt: { lt: settled } }],
          ...(cursor ? { id: { gt: cursor } } : {}),
        },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: ANNOUNCEMENT_PAGE,
      });
      // Due now: a lost delayed job is replaced by one that runs at once.
      const jobs = due.map((a) => ({ queue: 'fanout' as const, id: jobId.fanout(a.id), data: { announcementId: a.id } }));
      requeued += await requeueMissing(ctx, jobs, readAt - graceMs);
      cursor = due.length === ANNOUNCEMENT_PAGE ? due[due.length - 1]!.id : null;
      if (cursor === null) break;
    }
    return requeued;
  };
}
