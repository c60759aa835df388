// Due work of an announcement's life, found in Postgres every DISPATCH_INTERVAL_MS by each
// worker process: automatic reminders (Announcement.remindDueAt), daily digests (Delivery
// rows held for one) and emails held past quiet hours. (The dispatcher's sweep of due pending
// deliveries also queues the held emails, under the same job ids: either is enough.)
//
// Note for the dispatcher (issue 16): these are `(ctx) => Promise<number>` like its sweeps;
// once dispatcher.ts offers its list, add `reminders` and `digests` to it (`held` is covered
// by its delivery sweep) and drop startLifeSweeps (workers.ts) — running both is harmless.
import type { Context } from '../context.js';
import { sweepDueReminders } from '../announcements/remind.js';
import { sweepDueDigests } from './digest.js';
import { JOB_OPTIONS, emailJobId } from './queues.js';

const HELD_PAGE = 1_000;

/** Single emails held past quiet hours whose time has come: queued under their usual job id
 *  (a no-op if queued already; the email job skips a row no longer pending). */
export async function sweepDueHeld(ctx: Context): Promise<number> {
  let queued = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await ctx.prisma.delivery.findMany({
      where: { status: 'pending', channel: 'email', digest: false, dueAt: { lte: new Date() }, id: { gt: after } },
      select: { id: true, notificationId: true, kind: true, round: true, digest: true },
      orderBy: { id: 'asc' },
      take: HELD_PAGE,
    });
    const jobs = rows.flatMap((d) => {
      const id = emailJobId(d);
      return id ? [{ name: 'email', data: { deliveryId: d.id }, opts: { ...JOB_OPTIONS.email, jobId: id } }] : [];
    });
    if (jobs.length) await ctx.queues.email.addBulk(jobs);
    queued += jobs.length;
    if (rows.length < HELD_PAGE) return queued;
    after = rows[rows.length - 1]!.id;
  }
}

export const LIFE_SWEEPS: Record<string, (ctx: Context) => Promise<number>> = {
  reminders: sweepDueReminders,
  digests: sweepDueDigests,
  held: sweepDueHeld,
};

/** Runs each sweep once; one failing (Redis or Postgres away) does not stop the other. */
export async function runLifeSweeps(ctx: Context): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const [name, sweep] of Object.entries(LIFE_SWEEPS)) {
    try {
      done[name] = await sweep(ctx);
      if (done[name]) ctx.logger.info({ sweep: name, count: done[name] }, 'due work queued');
    } catch (err) {
      ctx.logger.warn({ sweep: name, err: (err as Error).message }, 'sweep failed; will try again');
    }
  }
  return done;
}

export function startLifeSweeps(ctx: Context): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runLifeSweeps(ctx);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, ctx.config.dispatchIntervalMs);
  return { stop: () => clearInterval(timer) };
}
