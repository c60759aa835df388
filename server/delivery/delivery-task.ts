// What every external send shares: load its Delivery row, skip it when already settled,
// record the outcome, and tell transient failures (retried with backoff by BullMQ) from
// permanent ones (failed at once, with the reason).
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Context } from '../context.js';
import { announceUpdate } from '../realtime/emitter.js';

export type SendOutcome = { providerId: string };

/** A delivery row with what its sender needs, read in as few queries as the channel allows. */
export interface Loaded<T> {
  delivery: { status: string; channel: string; announcementId: string };
  item: T;
  authorId: string | null;
}

/** Thrown by a sender when retrying cannot help (bad mailbox, unknown channel, bad token). */
export class PermanentDeliveryError extends Error {}

/** Thrown by a sender when the provider asked us to wait (Slack's Retry-After). */
export class RetryLaterError extends Error {
  constructor(message: string, readonly delayMs: number) {
    super(message);
  }
}

export async function runDelivery<T>(
  ctx: Context,
  job: Job<{ deliveryId: string }>,
  token: string | undefined,
  load: (deliveryId: string) => Promise<Loaded<T> | null>,
  send: (item: T) => Promise<SendOutcome>,
): Promise<string> {
  const { deliveryId } = job.data;
  const loaded = await load(deliveryId);
  if (!loaded) return 'gone';
  const { delivery, item, authorId } = loaded;
  if (delivery.status !== 'pending') return `already ${delivery.status}`; // a re-run never sends twice
  const log = ctx.logger.child({ deliveryId, channel: delivery.channel, announcementId: delivery.announcementId });
  const settle = async (data: { status: 'sent' | 'failed' | 'pending'; providerId?: string; error?: string | null }) => {
    await ctx.prisma.delivery.update({ where: { id: deliveryId }, data: { ...data, attempts: { increment: 1 } } });
    if (data.status !== 'pending') announceUpdate(ctx.emitter, delivery.announcementId, authorId);
  };
  try {
    const { providerId } = await send(item);
    await settle({ status: 'sent', providerId, error: null });
    ctx.metrics.notificationsDelivered.inc({ channel: delivery.channel });
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RetryLaterError && token) {
      log.info({ delayMs: err.delayMs }, 'provider asked to wait; delaying');
      await ctx.prisma.delivery.update({ where: { id: deliveryId }, data: { error: message } });
      await job.moveToDelayed(Date.now() + err.delayMs, token);
      throw new DelayedError();
    }
    const final = err instanceof PermanentDeliveryError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await settle({ status: final ? 'failed' : 'pending', error: message });
    if (final) {
      ctx.metrics.deliveryFailures.inc({ channel: delivery.channel });
      log.warn({ err: message, attempts: job.attemptsMade + 1 }, 'delivery failed for good');
      throw new UnrecoverableError(message);
    }
    log.info({ err: message, attempt: job.attemptsMade + 1 }, 'delivery failed; will retry');
    throw err;
  }
}
