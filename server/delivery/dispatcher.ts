// The safety net of "Postgres is the record": every worker process runs, every
// DISPATCH_INTERVAL_MS, a list of sweeps that find due work in Postgres whose queue job is
// gone, and queue it again under its deterministic job id. Any number of workers may sweep at
// once: re-adding a job that exists is a no-op, and a delivery job that runs twice sends once
// (delivery-task.ts skips a row already settled).
import { sweepDueReminders } from '../announcements/remind.js';
import type { Context } from '../context.js';
import { sweepDueDigests } from './digest.js';
import { announcementSweep, deliverySweep } from './recovery.js';
import { slackSyncSweep } from './slack-sync-sweep.js';

/** One kind of due work to recover. Returns how many jobs it queued again (for the log). */
export type Sweep = (ctx: Context) => Promise<number>;

/**
 * Every sweep a worker runs, in order, each pass. This is the hook for work that a concern
 * keeps due in Postgres: add its sweep here. A sweep is built once per worker process, so it
 * may keep a cursor between passes.
 * - announcements: due to fan out (published, or scheduled and due) and still marked;
 * - deliveries: pending, due (never held, or held until a time now past), job gone: emails
 *   (announcement and reminder rounds, quiet hours included) and Slack posts;
 * - reminders: announcements whose automatic reminder is due (`remindDueAt`), new rounds;
 * - digests: people whose daily digest is due (their held rows go out in one email);
 * - slackSync: Slack posts behind an edit of their announcement, or not yet deleted after a
 *   retraction (within 7 days).
 */
export function sweeps(): Record<string, Sweep> {
  return {
    announcements: announcementSweep(),
    deliveries: deliverySweep(),
    reminders: sweepDueReminders,
    digests: (ctx) => sweepDueDigests(ctx),
    slackSync: slackSyncSweep(),
  };
}

/** Runs each sweep once; one failing (Redis or Postgres away) does not stop the others. */
export async function sweepOnce(ctx: Context, list: Record<string, Sweep>): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const [name, sweep] of Object.entries(list)) {
    try {
      done[name] = await sweep(ctx);
      if (done[name]) ctx.logger.info({ sweep: name, requeued: done[name] }, 'dispatcher queued lost work again');
    } catch (err) {
      // While Postgres or Redis is away every pass fails: that outage is logged once already.
      if (ctx.services.isDown('postgres') || ctx.services.isDown('redis')) continue;
      ctx.logger.warn({ sweep: name, err: (err as Error).message }, 'dispatcher sweep failed; will try again');
    }
  }
  return done;
}

export function startDispatcher(ctx: Context, list = sweeps()): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return; // a slow pass is not stacked on
    running = true;
    try {
      await sweepOnce(ctx, list);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, ctx.config.dispatchIntervalMs);
  return { stop: () => clearInterval(timer) };
}
