// The BullMQ workers of one process: one handler per queue, checked at start.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Context } from '../context.js';
import { createRedis } from '../redis.js';
import { withTimeout } from '../services.js';
import type { Templates } from '../templates/index.js';
import { runDelivery } from './delivery-task.js';
import { startDispatcher } from './dispatcher.js';
import { createMailer } from './email.js';
import { emailBatchHandler } from './email-batch.js';
import { runFanout } from './fanout.js';
import { invitationSender } from './invitation.js';
import { CONCURRENCY, EMAIL_BATCH_JOBS, QUEUE_NAMES, WORKER_LOCK, bullPrefix, type JobData, type QueueName } from './queues.js';
import { createSlackClient, loadSlack, slackSender } from './slack.js';
import { slackSyncHandler } from './slack-sync.js';
import { digestHandler } from './digest.js';

type Handler<K extends QueueName> = (job: Job<JobData[K]>, token?: string) => Promise<unknown>;
type Handlers = { [K in QueueName]: Handler<K> };

function buildHandlers(ctx: Context, templates: Templates): { handlers: Handlers; close(): void } {
  // Only reachable when the channel is on: fan-out records email/Slack as skipped otherwise.
  const mailer = ctx.config.smtpUrl ? createMailer(ctx.config.smtpUrl) : null;
  const slack = ctx.config.slackToken ? createSlackClient(ctx) : null;
  const syncSlack = slack ? slackSyncHandler(ctx, templates, slack) : null;
  const sendInvitation = mailer ? invitationSender(ctx, templates, mailer) : null;
  const sendDigest = mailer ? digestHandler(ctx, templates, mailer) : null;
  const sendEmails = mailer ? emailBatchHandler(ctx, templates, mailer) : null;
  const handlers: Handlers = {
    fanout: (job) => runFanout(ctx, job.data.announcementId, (p) => job.updateProgress(p)),
    email: (job, token) => {
      if (!sendEmails) throw new Error('email is off: SMTP_URL is not set');
      return sendEmails(job, token);
    },
    slack: (job, token) => {
      if (!slack) throw new Error('Slack is off: SLACK_BOT_TOKEN is not set');
      return runDelivery(ctx, job, token, (id) => loadSlack(ctx, id), slackSender(ctx, templates, slack));
    },
    'slack-sync': (job, token) => {
      // Only posts that were made are synced, and posts are made only while Slack is on.
      if (!syncSlack) throw new Error('Slack is off: SLACK_BOT_TOKEN is not set');
      return syncSlack(job, token);
    },
    digest: (job) => {
      // Digest rows are held only while email is on (preferences/email-plan.ts).
      if (!sendDigest) throw new Error('email is off: SMTP_URL is not set');
      return sendDigest(job);
    },
    invitation: (job) => {
      // Queued only while email is on (people/effects.ts).
      if (!sendInvitation) throw new Error('email is off: SMTP_URL is not set');
      return sendInvitation(job);
    },
  };
  return { handlers, close: () => mailer?.close() };
}

/** Every queue has exactly one handler and every handler a queue: a job nobody takes would
 *  wait forever, so a mismatch stops the start. */
export function checkHandlers(handlers: Record<string, unknown>, queues: readonly string[] = QUEUE_NAMES): void {
  const missing = queues.filter((q) => typeof handlers[q] !== 'function');
  const extra = Object.keys(handlers).filter((h) => !queues.includes(h));
  if (missing.length || extra.length) {
    throw new Error(`Job handlers do not match the queues: missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`);
  }
}

/** How long a stopping worker lets its running jobs finish. */
const WORKER_CLOSE_MS = 10_000;

/** Redis being away, as BullMQ reports it through a worker's 'error' event. */
function isConnectionError(err: Error): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|Connection is closed|connect/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`);
}

export interface RunningWorkers {
  close(): Promise<void>;
}

export function startWorkers(ctx: Context, templates: Templates): RunningWorkers {
  const { handlers, close: closeTransports } = buildHandlers(ctx, templates);
  checkHandlers(handlers);
  const workers = QUEUE_NAMES.map((name) => {
    // Outages of this connection are logged once for the process by ctx.services.
    const connection = createRedis(ctx.config.redisUrl, `heraldo-worker-${name}`, 'blocking', ctx.services);
    const handler = handlers[name] as Handler<QueueName>;
    const worker = new Worker(name, (job, token) => {
      // A job whose hash lost its data (Redis lost part of its keys) would reach Prisma with
      // undefined ids, and a query compiler panic poisons that client for the whole process.
      // The dispatcher's sweep queues the work again from Postgres.
      if (!job.data || Object.keys(job.data).length === 0) throw new UnrecoverableError('job data lost from Redis');
      return handler(job, token);
    }, {
      connection,
      prefix: bullPrefix(ctx.config.redisPrefix),
      // Email: CONCURRENCY bounds its sends in flight, across the batch jobs it runs at once.
      concurrency: name === 'email' ? EMAIL_BATCH_JOBS : CONCURRENCY[name],
      ...WORKER_LOCK,
    });
    worker.on('failed', (job, err) => {
      if (err.name !== 'DelayedError') ctx.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => {
      // BullMQ repeats its connections' errors here, once per reconnection attempt while
      // Redis is away: that outage is logged once already.
      if (ctx.services.isDown('redis') || isConnectionError(err)) return;
      ctx.logger.error({ queue: name, err: err.message }, 'worker error');
    });
    return { worker, connection };
  });
  const dispatcher = startDispatcher(ctx);
  ctx.logger.info({ queues: QUEUE_NAMES }, 'workers started');
  return {
    async close() {
      dispatcher.stop();
      // close() lets active jobs finish; whatever is not picked up stays in Redis for the next
      // worker. Finishing a job needs Redis: while it is away (or past the bound) the workers
      // are closed at once, and their jobs' locks lapse, so another worker takes them.
      const force = () => withTimeout(Promise.all(workers.map((w) => w.worker.close(true))), 1_000);
      if (ctx.services.isDown('redis')) {
        await force();
      } else if ((await withTimeout(Promise.all(workers.map((w) => w.worker.close())), WORKER_CLOSE_MS)) === 'timed out') {
        ctx.logger.warn({ afterMs: WORKER_CLOSE_MS }, 'running jobs did not finish in time; closing the workers now');
        await force();
      }
      for (const w of workers) w.connection.disconnect();
      closeTransports();
    },
  };
}
