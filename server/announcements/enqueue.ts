// After an announcement commits, its fan-out job is enqueued. Redis may be away: the
// announcement is already safe in Postgres with its "to fan out" mark, and the dispatcher
// enqueues whatever is still marked, so a request never hangs on the queue.
import type { Context } from '../context.js';
import { enqueueFanout } from '../delivery/queues.js';

const ENQUEUE_TIMEOUT_MS = 2_000;

export async function enqueueFanoutSoon(ctx: Context, created: { id: string; scheduledAt: Date | null }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    enqueueFanout(ctx.queues, created),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS);
    }),
  ])
    .catch((err: Error) => ctx.logger.warn({ announcementId: created.id, err: err.message }, 'fan-out not enqueued now; the dispatcher will'))
    .finally(() => clearTimeout(timer));
}
