// Re-sending what failed: each failed delivery goes back to pending, with its attempts
// counted afresh, and its job runs again under the same deterministic id.
import type { Queue } from 'bullmq';
import type { Context } from '../context.js';
import { JOB_OPTIONS, requeue } from './queues.js';
import { jobForDelivery } from './recovery.js';

export async function retryFailedDeliveries(ctx: Context, announcementId: string): Promise<number> {
  const failed = await ctx.prisma.delivery.findMany({
    where: { announcementId, status: 'failed' },
    select: {
      id: true, announcementId: true, notificationId: true, channel: true, target: true, kind: true, round: true, digest: true, dueAt: true,
      notification: { select: { userId: true } },
    },
  });
  for (const { notification, ...d } of failed) {
    await ctx.prisma.delivery.update({ where: { id: d.id }, data: { status: 'pending', error: null, attempts: 0 } });
    const job = jobForDelivery({ ...d, userId: notification?.userId ?? null });
    if (!job) continue; // sent with others (a digest): the dispatcher's sweep queues it
    const queue = ctx.queues[job.queue] as unknown as Queue;
    await requeue(queue, job.id, () => queue.add(job.queue, job.data, { ...JOB_OPTIONS[job.queue], jobId: job.id }));
  }
  if (failed.length) ctx.logger.info({ announcementId, count: failed.length }, 'failed deliveries re-queued');
  return failed.length;
}
