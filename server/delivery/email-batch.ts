// The email worker: one job sends one batch (email-batching.ts). A run claims the batch's
// pending rows that nobody holds, in one statement that also reads each recipient, sends them
// concurrently through the SMTP pool, and records the outcomes in groups (email-outcomes.ts).
// Rows that failed transiently wait out their own backoff; the job then runs again for them
// alone. Whatever the job's fate, every row is settled once:
// - a claim is a lease in Postgres (`claim`, `lockedUntil`), renewed while the run lives, so
//   two runs of one batch (a re-run after Redis lost the job, a stalled job taken over) never
//   send a row at once, and a crashed run's rows come free when its lease lapses;
// - a row is sent only while pending, and recorded as sent at once after: after a crash only
//   the sends in flight (at most the process's window) can go out again, under the same
//   Message-ID.
import { randomUUID } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import type { Transporter } from 'nodemailer';
import type { Context } from '../context.js';
import type { Templates } from '../templates/index.js';
import { loadView } from './announcement-view.js';
import { PermanentDeliveryError, backoff } from './delivery-task.js';
import { emailSender } from './email.js';
import { Window, outcomeWriter, type Outcome } from './email-outcomes.js';
import { CONCURRENCY, type EmailJob } from './queues.js';

/** How long a claim holds without renewal; renewed every third of it while the run lives. */
export const LEASE_MS = 15_000;
/** The skip reason of an email whose recipient was deactivated after it was planned. */
export const DEACTIVATED = 'the person was deactivated';
/** Claims per run before it yields to other jobs: rows freed meanwhile go in the next run. */
const CLAIMS_PER_RUN = 3;

interface Claimed {
  id: string;
  announcementId: string;
  notificationId: bigint;
  kind: 'announcement' | 'reminder';
  round: number;
  attempts: number;
  name: string;
  email: string;
  locale: string;
  timezone: string;
}

export function emailBatchHandler(ctx: Context, templates: Templates, mailer: Transporter) {
  const send = emailSender(ctx, templates, mailer);
  const record = outcomeWriter(ctx);
  const window = new Window(CONCURRENCY.email);

  /** Takes the batch's free pending rows. Those of people deactivated since their row was
   *  written are settled as skipped in the same statement: nobody is emailed once deactivated. */
  async function claim(batch: string, token: string): Promise<Claimed[]> {
    return ctx.prisma.$queryRaw<Claimed[]>`
      WITH free AS (
        SELECT d.id, u.active, u.name, u.email, u.locale, u.timezone FROM "Delivery" d
        JOIN "Notification" n ON n.id = d."notificationId" JOIN "User" u ON u.id = n."userId"
        WHERE d.batch = ${batch} AND d.status = 'pending' AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= now())
      ), skipped AS (
        UPDATE "Delivery" d SET status = 'skipped', error = ${DEACTIVATED}, claim = NULL, "lockedUntil" = NULL, "updatedAt" = now()
        FROM free WHERE d.id = free.id AND NOT free.active AND d.status = 'pending'
      )
      UPDATE "Delivery" d SET claim = ${token}::uuid, "lockedUntil" = now() + ${LEASE_MS} * interval '1 millisecond', "updatedAt" = now()
      FROM free
      WHERE d.id = free.id AND free.active AND d.status = 'pending' AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= now())
      RETURNING d.id, d."announcementId", d."notificationId", d.kind::text AS kind, d.round, d.attempts,
        free.name, free.email, free.locale, free.timezone`;
  }

  /** Sends one claimed row and waits until its outcome is written. */
  async function deliver(row: Claimed, token: string): Promise<'sent' | 'failed'> {
    await window.acquire();
    try {
      const loaded = await loadView(ctx.prisma, row.announcementId);
      const base = { id: row.id, announcementId: row.announcementId, authorId: loaded?.authorId ?? null };
      let outcome: Outcome;
      try {
        if (!loaded) throw new PermanentDeliveryError('the announcement is gone');
        const user = { name: row.name, email: row.email, locale: row.locale, timezone: row.timezone };
        const { providerId } = await send({ view: loaded.view, notificationId: row.notificationId.toString(), user, kind: row.kind, round: row.round });
        outcome = { ...base, kind: 'sent', providerId };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const retryInMs = backoff(ctx.config.deliveryRetryBaseMs, row.attempts + 1);
        outcome = { ...base, kind: 'failed', claim: token, error, permanent: err instanceof PermanentDeliveryError, retryInMs };
      }
      await record(outcome);
      return outcome.kind;
    } finally {
      window.release();
    }
  }

  /** What is left of the batch: rows pending, and in how long the first of them comes free. */
  async function remaining(batch: string) {
    const [r] = await ctx.prisma.$queryRaw<{ pending: number; waitMs: number | null; statuses: string[] }[]>`
      SELECT (count(*) FILTER (WHERE status = 'pending'))::int AS pending,
        ceil(extract(epoch FROM min("lockedUntil") FILTER (WHERE status = 'pending') - now()::timestamp) * 1000)::int AS "waitMs",
        array_agg(DISTINCT status::text) AS statuses
      FROM "Delivery" WHERE batch = ${batch}`;
    return r ?? { pending: 0, waitMs: null, statuses: [] };
  }

  return async (job: Job<EmailJob>, token?: string): Promise<string> => {
    const { batch } = job.data;
    if (!batch) return 'no batch: not a batch job'; // a job queued before batching; the sweep batches its row
    const claimToken = randomUUID();
    const counts = { sent: 0, failed: 0 };
    // Keeps this run's leases while it lives; a crash stops the renewals and the leases lapse.
    const renew = setInterval(() => {
      ctx.prisma.$executeRaw`
        UPDATE "Delivery" SET "lockedUntil" = now() + ${LEASE_MS} * interval '1 millisecond'
        WHERE claim = ${claimToken}::uuid AND status = 'pending'`.catch((err: Error) =>
        ctx.logger.debug({ batch, err: err.message }, 'email lease not renewed'),
      );
    }, LEASE_MS / 3);
    let left: Awaited<ReturnType<typeof remaining>>;
    try {
      for (let i = 0; ; i++) {
        const rows = await claim(batch, claimToken);
        const results = await Promise.all(rows.map((row) => deliver(row, claimToken)));
        for (const r of results) counts[r]++;
        left = await remaining(batch);
        // Free again already (a lapsed lease, a retry's short backoff): take them now.
        if (left.pending === 0 || (left.waitMs ?? 0) > 0 || i + 1 >= CLAIMS_PER_RUN) break;
      }
    } finally {
      clearInterval(renew);
    }
    if (left.pending === 0) {
      if (counts.sent + counts.failed > 0) return `sent ${counts.sent}, failed ${counts.failed}`;
      // A re-run of a batch that was settled already: nothing went out.
      return left.statuses.length === 1 ? `already ${left.statuses[0]}` : 'already settled';
    }
    // The rest wait: a backoff, or another run's lease. Come back when the first is free.
    const delayMs = Math.max(left.waitMs ?? 0, 10);
    if (!token) throw new Error(`${left.pending} deliveries of ${batch} not settled yet`); // outside a worker
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  };
}
