// The safety net of "nothing is lost": an announcement is committed with its "to fan out"
// mark before its job is enqueued, so a crash (or Redis being away) between the two leaves
// it marked. The dispatcher finds those and enqueues them again; the deterministic job id
// makes that a no-op when the job is in fact there.
import type { Context } from '../context.js';
import { enqueueFanout, jobId, requeue } from './queues.js';

/** Younger ones are most likely being enqueued by the request that created them right now. */
const GRACE_MS = 5_000;

export async function dispatchPending(ctx: Context, graceMs = GRACE_MS): Promise<number> {
  const stale = await ctx.prisma.announcement.findMany({
    where: {
      fanoutPending: true,
      status: { in: ['published', 'scheduled'] },
      createdAt: { lt: new Date(Date.now() - graceMs) },
    },
    select: { id: true, scheduledAt: true, status: true },
    orderBy: { createdAt: 'asc' },
    take: 1_000,
  });
  for (const a of stale) {
    const scheduledAt = a.status === 'scheduled' ? a.scheduledAt : null;
    await requeue(ctx.queues.fanout, jobId.fanout(a.id), () => enqueueFanout(ctx.queues, { id: a.id, scheduledAt }));
  }
  if (stale.length) ctx.logger.info({ count: stale.length }, 'dispatcher re-enqueued marked announcements');
  return stale.length;
}

export function startDispatcher(ctx: Context): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await dispatchPending(ctx);
    } catch (err) {
      // While Postgres or Redis is away every pass fails: that outage is logged once already.
      if (!ctx.services.isDown('postgres') && !ctx.services.isDown('redis')) ctx.logger.warn({ err }, 'dispatcher pass failed; will try again');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, ctx.config.dispatchIntervalMs);
  return { stop: () => clearInterval(timer) };
}
