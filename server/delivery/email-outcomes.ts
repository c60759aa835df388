// What a process's email sends came to, written to Postgres in groups (a group commit): a
// write goes out once FLUSH_AT outcomes wait, or FLUSH_WAIT_MS after the first of them, at
// most WRITES_AT_ONCE at a time, so a busy process writes several rows per statement and a
// quiet one waits a few milliseconds. A send
// holds its place in the process's window until its outcome is written: what a crash can send
// twice (taken by the SMTP server, not yet recorded) is at most the window.
import type { Context } from '../context.js';
import { announceUpdate } from '../realtime/emitter.js';
import { DELIVERY_ATTEMPTS } from './delivery-task.js';

export type Outcome =
  | { kind: 'sent'; id: string; announcementId: string; authorId: string | null; providerId: string }
  /** `retryInMs`: the backoff before the row may be taken again, unless this was its last try. */
  | { kind: 'failed'; id: string; announcementId: string; authorId: string | null; claim: string; error: string; permanent: boolean; retryInMs: number };

/** At most this many outcomes per statement. */
const WRITE_MAX = 500;
/** A quarter of the process's window (20): with two writes in flight, half of it is still free
 *  to keep the SMTP pool's five connections busy. */
const FLUSH_AT = 5;
const FLUSH_WAIT_MS = 10;
const WRITES_AT_ONCE = 2;

/** A counting semaphore: `acquire` waits for a free place. */
export class Window {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) return void this.free--;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export function outcomeWriter(ctx: Context) {
  let queue: { outcome: Outcome; done: (err?: unknown) => void }[] = [];
  let writing = 0;
  let timer: NodeJS.Timeout | null = null;

  /** Writes now if a group is full (or `due`: the first waiting one has waited long enough). */
  function schedule(due = false): void {
    if (queue.length === 0 || writing >= WRITES_AT_ONCE) return; // a running write looks again when it ends
    if (queue.length >= FLUSH_AT || due) return void writeSome();
    timer ??= setTimeout(() => {
      timer = null;
      schedule(true);
    }, FLUSH_WAIT_MS);
  }

  async function writeSome(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const take = queue.slice(0, WRITE_MAX);
    queue = queue.slice(take.length);
    writing++;
    try {
      await write(ctx, take.map((t) => t.outcome));
      for (const t of take) t.done();
    } catch (err) {
      for (const t of take) t.done(err);
    } finally {
      writing--;
      schedule(); // what came in meanwhile
    }
  }

  /** Resolves once the outcome is in Postgres (rejects if the write failed). */
  return (outcome: Outcome): Promise<void> =>
    new Promise((resolve, reject) => {
      queue.push({ outcome, done: (err) => (err === undefined ? resolve() : reject(err as Error)) });
      schedule();
    });
}

async function write(ctx: Context, outcomes: Outcome[]): Promise<void> {
  const sent = outcomes.filter((o) => o.kind === 'sent');
  const failed = outcomes.filter((o) => o.kind === 'failed');
  const touched = new Map<string, string | null>();
  if (sent.length) {
    // Recorded whoever holds the lease now: a send that went out must not go out again.
    const count = await ctx.prisma.$executeRaw`
      UPDATE "Delivery" d SET status = 'sent', "providerId" = v.pid, error = NULL, attempts = d.attempts + 1,
        claim = NULL, "lockedUntil" = NULL, "updatedAt" = now()
      FROM (SELECT unnest(${sent.map((o) => o.id)}::uuid[]) AS id, unnest(${sent.map((o) => o.providerId)}::text[]) AS pid) v
      WHERE d.id = v.id AND d.status = 'pending'`;
    ctx.metrics.notificationsDelivered.inc({ channel: 'email' }, count);
    for (const o of sent) touched.set(o.announcementId, o.authorId);
  }
  if (failed.length) {
    // Attempts are counted in Postgres, so the bound holds across re-runs and lost jobs. Only
    // a row this run still holds is touched: a run whose lease lapsed must not undo another's.
    const rows = await ctx.prisma.$queryRaw<{ id: string; status: string; attempts: number; error: string }[]>`
      UPDATE "Delivery" d SET attempts = d.attempts + 1, error = v.error, claim = NULL, "updatedAt" = now(),
        status = CASE WHEN v.permanent OR d.attempts + 1 >= ${DELIVERY_ATTEMPTS} THEN 'failed'::"DeliveryStatus" ELSE d.status END,
        "lockedUntil" = CASE WHEN v.permanent OR d.attempts + 1 >= ${DELIVERY_ATTEMPTS} THEN NULL
          ELSE now() + v.wait * interval '1 millisecond' END
      FROM (SELECT unnest(${failed.map((o) => o.id)}::uuid[]) AS id, unnest(${failed.map((o) => o.claim)}::uuid[]) AS claim,
        unnest(${failed.map((o) => o.error)}::text[]) AS error, unnest(${failed.map((o) => o.permanent)}::boolean[]) AS permanent,
        unnest(${failed.map((o) => o.retryInMs)}::int[]) AS wait) v
      WHERE d.id = v.id AND d.status = 'pending' AND d.claim = v.claim
      RETURNING d.id, d.status::text AS status, d.attempts, d.error`;
    const byId = new Map(failed.map((o) => [o.id, o]));
    for (const row of rows) {
      const o = byId.get(row.id)!;
      const log = ctx.logger.child({ deliveryId: row.id, channel: 'email', announcementId: o.announcementId });
      if (row.status === 'failed') {
        touched.set(o.announcementId, o.authorId);
        ctx.metrics.deliveryFailures.inc({ channel: 'email' });
        log.warn({ err: row.error, attempts: row.attempts }, 'delivery failed for good');
      } else {
        log.info({ err: row.error, attempt: row.attempts, delayMs: o.retryInMs }, 'delivery failed; will retry');
      }
    }
  }
  // Live stats: once per announcement per write, not per message.
  for (const [announcementId, authorId] of touched) announceUpdate(ctx.emitter, announcementId, authorId);
}
