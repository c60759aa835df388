// What every external send shares: the error kinds, the attempt bound and the backoff. A
// Slack post runs one job per row here (runDelivery): load its Delivery row, skip it when
// already settled, record the outcome, and tell transient failures (retried with backoff, a
// bounded number of times) from permanent ones (failed at once, with the reason). Email goes
// in batches with the same rules, row by row (email-batch.ts).
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

/**
 * A delivery is tried at most this many times, whatever fails: SMTP or Slack errors and
 * Slack's rate limits alike. With the default 1 s base the backoff adds up to about two
 * minutes; a rate-limited one waits what Slack asks, up to MAX_PROVIDER_WAIT_MS a time.
 */
export const DELIVERY_ATTEMPTS = 8;
export const MAX_PROVIDER_WAIT_MS = 5 * 60_000;

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
  try {
    const { providerId } = await send(item);
    await ctx.prisma.delivery.update({ where: { id: deliveryId }, data: { status: 'sent', providerId, error: null, attempts: { increment: 1 } } });
    announceUpdate(ctx.emitter, delivery.announcementId, authorId);
    ctx.metrics.notificationsDelivered.inc({ channel: delivery.channel });
    return 'sent';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof PermanentDeliveryError;
    // Attempts are counted in Postgres, whatever the failure (a rate limit included), so the
    // bound holds across re-queues and lost jobs. Only a row still pending is touched: a
    // duplicate run that fails must not undo another run's "sent".
    const [row] = await ctx.prisma.$queryRaw<{ status: string; attempts: number }[]>`
      UPDATE "Delivery" SET attempts = attempts + 1, error = ${message}, "updatedAt" = now(),
        status = CASE WHEN ${permanent} OR attempts + 1 >= ${DELIVERY_ATTEMPTS} THEN 'failed'::"DeliveryStatus" ELSE status END
      WHERE id = ${deliveryId}::uuid AND status = 'pending'
      RETURNING status::text, attempts`;
    if (!row) return 'settled meanwhile';
    if (row.status === 'failed') {
      announceUpdate(ctx.emitter, delivery.announcementId, authorId);
      ctx.metrics.deliveryFailures.inc({ channel: delivery.channel });
      log.warn({ err: message, attempts: row.attempts }, 'delivery failed for good');
      throw new UnrecoverableError(message);
    }
    const delayMs = err instanceof RetryLaterError ? Math.min(err.delayMs, MAX_PROVIDER_WAIT_MS) : backoff(ctx.config.deliveryRetryBaseMs, row.attempts);
    log.info({ err: message, attempt: row.attempts, delayMs }, 'delivery failed; will retry');
    if (!token) throw err; // run outside a worker: BullMQ's own backoff applies
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  }
}

/** Exponential backoff with jitter: the n-th retry waits between half and all of base × 2^(n-1). */
export function backoff(baseMs: number, attempt: number): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
}
