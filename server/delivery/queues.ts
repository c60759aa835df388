// The one place for queue names, job ids and job options. Publishing and the workers both
// import this module; publishing never imports a worker.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export const QUEUE_NAMES = ['fanout', 'email', 'slack', 'slack-sync', 'digest', 'invitation'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface FanoutJob { announcementId: string }
/** An email job sends a batch: the Delivery rows whose `batch` is this job's id
 *  (delivery/email-batching.ts); each row records what happened to it. */
export interface EmailJob { batch: string }
/** A Slack job points at its Delivery row, which records what happened. */
export interface SlackJob { deliveryId: string }
/** Keeps a sent Slack post in step with its announcement: chat.update after an edit
 *  (`version` = the edit's editedAt in ms), chat.delete after a retraction. */
export interface SlackSyncJob { deliveryId: string; action: 'update' | 'delete'; version?: number }
/** An invitation email (people/invitations.ts). It carries the raw token, the only copy
 *  besides the email itself: its job is removed from Redis as soon as it ends. */
export interface InvitationJob { tokenId: string; token: string }
/** One person's daily digest: every normal announcement held for it and due by `dueAt` (ms). */
export interface DigestJob { userId: string; dueAt: number }
export interface JobData { fanout: FanoutJob; email: EmailJob; slack: SlackJob; 'slack-sync': SlackSyncJob; digest: DigestJob; invitation: InvitationJob }

/**
 * Deterministic ids: adding a job whose id BullMQ still holds is a no-op, so a retry, a
 * re-enqueue by the dispatcher or a second api node never creates a second send.
 * (BullMQ forbids ':' in custom ids.)
 */
export const jobId = {
  fanout: (announcementId: string) => `fanout-${announcementId}`,
  /** A batch of announcement emails, named after its first row's notification. */
  email: (notificationId: string) => `email-${notificationId}`,
  slack: (announcementId: string, slackChannel: string) => `slack-${announcementId}-${slackChannel}`,
  /** A batch of round n's reminder emails, named after its first row's notification. */
  reminder: (notificationId: string, round: number) => `reminder-${notificationId}-${round}`,
  invitation: (tokenId: string) => `invitation-${tokenId}`,
  /** The version is part of the id: a second edit must not be swallowed by the first's job. */
  slackSync: (deliveryId: string, action: 'update' | 'delete', version?: number) =>
    action === 'delete' ? `slack-delete-${deliveryId}` : `slack-update-${deliveryId}-${version ?? 0}`,
  /** A person's digest of everything held for it up to `dueAt` (ms). */
  digest: (userId: string, dueAt: number) => `digest-${userId}-${dueAt}`,
};

/**
 * The job that sends an email Delivery row: its batch's (email-batching.ts), named after the
 * batch's first notification. Null for a row held for a digest (its person's digest job sends
 * it) and for one not batched yet (the dispatcher's sweep batches it once it is due).
 */
export function emailJobId(d: { batch: string | null; digest: boolean }): string | null {
  return d.digest ? null : d.batch;
}

/** Retry defaults, one place: exponential backoff with jitter; keep finished jobs a day so
 *  that a re-add of the same id within that window stays a no-op. */
const base: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  fanout: { ...base, attempts: 10 },
  email: base,
  slack: base,
  'slack-sync': base,
  digest: base,
  // The job holds a set-password token: gone from Redis once sent, or once it gave up.
  invitation: { ...base, removeOnComplete: true, removeOnFail: true },
};

/**
 * Jobs at once per queue for one process. For email it is the number of sends a process has
 * in flight or sent and not yet recorded (email-batch.ts), which bounds what a crash of it can
 * send twice; batch jobs at once: EMAIL_BATCH_JOBS.
 */
export const CONCURRENCY: Record<QueueName, number> = { fanout: 2, email: 20, slack: 5, 'slack-sync': 5, digest: 5, invitation: 5 };
/** Email batch jobs one process runs at once: enough to keep the sends window full while
 *  one batch is claiming rows or writing outcomes. */
export const EMAIL_BATCH_JOBS = 4;

/**
 * A worker holds each running job with a lock it renews every half `lockDuration`; every
 * `stalledInterval` some worker looks for running jobs whose lock lapsed (their process died)
 * and puts them back in the queue. So the jobs of a SIGKILLed worker run again within about
 * lock + 2 intervals: 20 s here, where BullMQ's defaults (30 s + 30 s) took over a minute.
 */
export const WORKER_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 } as const;

export type Queues = { [K in QueueName]: Queue<JobData[K]> } & { close(): Promise<void> };

export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

export function createQueues(connection: Redis, redisPrefix: string): Queues {
  const prefix = bullPrefix(redisPrefix);
  const make = <K extends QueueName>(name: K) => {
    const queue = new Queue<JobData[K]>(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS[name] });
    // A queue re-emits its connection's errors, and prints them raw to stderr when nobody
    // listens; the connection's owner logs them already (once, structured).
    queue.on('error', () => {});
    return queue;
  };
  const queues = {
    fanout: make('fanout'), email: make('email'), slack: make('slack'), 'slack-sync': make('slack-sync'), digest: make('digest'),
    invitation: make('invitation'),
  };
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

/**
 * Runs a job again under its deterministic id. A job that gave up (or finished) still holds
 * the id, which would make a plain re-add a no-op: a failed one is retried with fresh
 * attempts, a finished one replaced; otherwise `add` enqueues it (a no-op while it waits).
 */
export async function requeue(queue: Queue, id: string, add: () => Promise<unknown>): Promise<void> {
  const job = await queue.getJob(id);
  const state = job ? await job.getState() : 'missing';
  if (job && state === 'failed') return void (await job.retry('failed', { resetAttemptsMade: true }));
  if (job && state === 'completed') await job.remove();
  await add();
}

/** Enqueues the fan-out of an announcement, delayed until its schedule when it has one. */
export async function enqueueFanout(queues: Queues, announcement: { id: string; scheduledAt: Date | null }) {
  const delay = announcement.scheduledAt ? Math.max(0, announcement.scheduledAt.getTime() - Date.now()) : 0;
  await queues.fanout.add('fanout', { announcementId: announcement.id }, { jobId: jobId.fanout(announcement.id), delay });
}
