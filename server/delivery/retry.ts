// Re-sending what failed: each failed delivery goes back to pending and its job runs again
// under the same deterministic id.
import type { Context } from '../context.js';
import { JOB_OPTIONS, jobId, requeue } from './queues.js';

export async function retryFailedDeliveries(ctx: Context, announcementId: string): Promise<number> {
  const failed = await ctx.prisma.delivery.findMany({
    where: { announcementId, status: 'failed' },
    select: { id: true, channel: true, target: true, notificationId: true },
  });
  for (const d of failed) {
    await ctx.prisma.delivery.update({ where: { id: d.id }, data: { status: 'pending', error: null } });
    const queue = d.channel === 'email' ? ctx.queues.email : ctx.queues.slack;
    const id = d.channel === 'email' ? jobId.email(String(d.notificationId)) : jobId.slack(announcementId, d.target);
    await requeue(queue, id, () => queue.add(d.channel, { deliveryId: d.id }, { ...JOB_OPTIONS[d.channel === 'email' ? 'email' : 'slack'], jobId: id }));
  }
  if (failed.length) ctx.logger.info({ announcementId, count: failed.length }, 'failed deliveries re-queued');
  return failed.length;
}
