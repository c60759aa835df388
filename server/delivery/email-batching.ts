// Email goes out in batches: one BullMQ job sends a page of Delivery rows, the ones that carry
// its id in `batch`. A row is given its batch once, when it is due (at the fan-out, when a
// reminder round is written, or by the dispatcher's sweep once a held row's time comes), and
// keeps it: the fan-out, a re-run of it and a sweep that re-creates a lost job all name the
// same job, so re-adding it is a no-op while it exists. Like queues.ts this is a low module:
// the reminders (announcements/) import it, and it imports no worker.
import type { Context } from '../context.js';
import { Prisma } from '../db/client.js';
import { JOB_OPTIONS, jobId } from './queues.js';

/** Rows per batch job: few enough that a crash leaves little claimed, many enough that one
 *  claim and a few outcome writes serve many messages. */
export const EMAIL_BATCH = 50;
/** Rows given a batch per statement (a whole number of batches). */
const ASSIGN_PAGE = 100 * EMAIL_BATCH;

/** Which pending email rows to batch now. */
export type BatchScope =
  /** An announcement's own emails that are due at once (not held for quiet hours or a digest). */
  | { announcementId: string; kind: 'announcement' }
  /** One reminder round of an announcement. */
  | { announcementId: string; kind: 'reminder'; round: number }
  /** The sweep: any row due by `now` that has no batch yet and was not touched since `settled`. */
  | { kind: 'due'; now: Date; settled: Date };

interface Unbatched { id: string; announcementId: string; notificationId: bigint; kind: 'announcement' | 'reminder'; round: number }

function filter(scope: BatchScope): Prisma.Sql {
  if (scope.kind === 'announcement') {
    return Prisma.sql`d."announcementId" = ${scope.announcementId}::uuid AND d.kind = 'announcement' AND d."dueAt" IS NULL`;
  }
  if (scope.kind === 'reminder') {
    return Prisma.sql`d."announcementId" = ${scope.announcementId}::uuid AND d.kind = 'reminder' AND d.round = ${scope.round}`;
  }
  return Prisma.sql`(d."dueAt" IS NULL OR d."dueAt" <= ${scope.now}) AND d."updatedAt" < ${scope.settled}`;
}

/** The batch id of a page: the job id named after its first row, in notification order. */
function batchId(first: Unbatched): string {
  const n = first.notificationId.toString();
  return first.kind === 'reminder' ? jobId.reminder(n, first.round) : jobId.email(n);
}

/**
 * Gives the scope's pending, unbatched email rows their batch (pages of EMAIL_BATCH rows of one
 * announcement, kind and round, in notification order) and queues one job per batch. Two
 * callers at once cannot give a row two batches (the update re-checks `batch IS NULL` under the
 * row lock); a row given a batch whose job was never queued (a crash in between) is found by
 * the delivery sweep, which queues that job. Returns how many jobs were queued.
 */
export async function queueEmailBatches(ctx: Pick<Context, 'prisma' | 'queues'>, scope: BatchScope): Promise<number> {
  let queued = 0;
  for (;;) {
    const rows = await ctx.prisma.$queryRaw<Unbatched[]>`
      SELECT d.id, d."announcementId", d."notificationId", d.kind::text AS kind, d.round
      FROM "Delivery" d
      WHERE d.channel = 'email' AND d.status = 'pending' AND NOT d.digest AND d.batch IS NULL
        AND d."notificationId" IS NOT NULL AND ${filter(scope)}
      ORDER BY d."announcementId", d.kind, d.round, d."notificationId"
      LIMIT ${ASSIGN_PAGE}`;
    if (rows.length === 0) return queued;
    const batches: string[] = [];
    let first: Unbatched | null = null;
    let size = 0;
    for (const row of rows) {
      const sameGroup = first && first.announcementId === row.announcementId && first.kind === row.kind && first.round === row.round;
      if (!sameGroup || size === EMAIL_BATCH) {
        first = row;
        size = 0;
      }
      size++;
      batches.push(batchId(first!));
    }
    const given = await ctx.prisma.$queryRaw<{ batch: string; kind: string }[]>`
      UPDATE "Delivery" d SET batch = v.batch, "updatedAt" = now()
      FROM (SELECT unnest(${rows.map((r) => r.id)}::uuid[]) AS id, unnest(${batches}::text[]) AS batch) v
      WHERE d.id = v.id AND d.batch IS NULL AND d.status = 'pending'
      RETURNING d.batch, d.kind::text AS kind`;
    const jobs = new Map(given.map((g) => [g.batch, g.kind]));
    await ctx.queues.email.addBulk(
      [...jobs].map(([batch, kind]) => ({ name: kind === 'reminder' ? 'reminder' : 'email', data: { batch }, opts: { ...JOB_OPTIONS.email, jobId: batch } })),
    );
    queued += jobs.size;
    if (rows.length < ASSIGN_PAGE) return queued;
  }
}
