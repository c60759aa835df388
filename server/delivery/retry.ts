// Re-sending what failed: each failed delivery goes back to pending, with its attempts
// counted afresh, and its job runs again under the same deterministic id.
import type { Queue } from 'bullmq';
import type { Context } from '../context.js';
import { JOB_OPTIONS, requeue } from './queues.js';
import { jobForDelivery } from './recovery.js';

export async function retryFailedDeliveries(ctx: Context, announcementId: string): Promise<number> {
  const failed = await ctx.prisma.delivery.findMany({
    where: { announcementId, status: 'failed' },
    select: { id: true, announcementId: true, channel: true, target: true, digest: true, batch: true },
  });
  if (failed.length === 0) return 0;
  // All back to pending first: an email batch then sends every one of them in one run.
  await ctx.prisma.delivery.updateMany({
    where: { id: { in: failed.map((d) => d.id) }, status: 'failed' },
    data: { status: 'pending', error: null, attempts: 0, claim: null, lockedUntil: null },
  });
  const jobs = new Map(failed.map((d) => jobForDelivery(d)).filter((j) => j !== null).map((j) => [`${j.queue}\n${j.id}`, j]));
  // Rows without a job here (a digest, an email not batched) are queued by the dispatcher's sweep.
  for (const job of jobs.values()) {
    const queue = ctx.queues[job.queue] as unknown as Queue;
    await requeue(queue, job.id, () => queue.add(job.queue, job.data, { ...JOB_OPTIONS[job.queue], jobId: job.id }));
  }
  ctx.logger.info({ announcementId, count: failed.length }, 'failed deliveries re-queued');
  return failed.length;
}
