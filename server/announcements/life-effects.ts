// What follows an edit or a retraction once it is committed: the live event to every
// recipient, on every api node, and the Slack posts brought in line. Both are safe to repeat.
import type { Context } from '../context.js';
import { JOB_OPTIONS, jobId } from '../delivery/queues.js';
import type { LifeBatch } from '../realtime/events.js';
import { lifeBatch } from '../realtime/emitter.js';

/** Recipients per inter-server message: 100,000 recipients are 20 Redis messages. */
const PAGE = 5_000;

type LifeEvent = Omit<LifeBatch, 'userIds'> & { userIds?: never };

/** Sends `event` to every recipient of the announcement, a page of user ids per message. The
 *  pages walk the unique index (announcementId, userId) in its order: each is one index range. */
export async function emitToRecipients(ctx: Context, announcementId: string, event: LifeEvent): Promise<number> {
  let after: string | null = null;
  let sent = 0;
  for (;;) {
    const page: { userId: string }[] = await ctx.prisma.notification.findMany({
      where: { announcementId, ...(after ? { userId: { gt: after } } : {}) },
      select: { userId: true },
      orderBy: { userId: 'asc' },
      take: PAGE,
    });
    if (page.length === 0) return sent;
    lifeBatch(ctx.emitter, { ...event, userIds: page.map((n) => n.userId) } as LifeBatch);
    sent += page.length;
    after = page[page.length - 1]!.userId;
    if (page.length < PAGE) return sent;
  }
}

/**
 * One job per Slack post of the announcement: chat.update after an edit (the job id carries
 * the edit's version, so a second edit queues a second update), chat.delete after a
 * retraction. Posts still being made are included: their job waits for the `ts`.
 */
export async function queueSlackSync(ctx: Context, announcementId: string, action: 'update' | 'delete', version?: number): Promise<number> {
  const posts = await ctx.prisma.delivery.findMany({
    where: {
      announcementId,
      channel: 'slack',
      // A retraction skipped the pending ones; a post in flight may still land: look at those too.
      OR: [{ status: { in: ['sent', 'pending'] } }, { status: 'skipped', error: 'retracted' }],
    },
    select: { id: true },
  });
  if (posts.length === 0) return 0;
  await ctx.queues['slack-sync'].addBulk(
    posts.map((d) => ({
      name: `slack-${action}`,
      data: { deliveryId: d.id, action, version },
      opts: { ...JOB_OPTIONS['slack-sync'], jobId: jobId.slackSync(d.id, action, version) },
    })),
  );
  return posts.length;
}
