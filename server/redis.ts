import { Redis, type RedisOptions } from 'ioredis';
import type { ServiceMonitor } from './services.js';

/**
 * What a connection is for decides how it behaves while Redis is away:
 * - `commands`: the request path (sign-in limits, enqueueing, health) and BullMQ producers.
 *   A command sent while disconnected fails at once instead of waiting in ioredis's offline
 *   queue, and one that gets no answer gives up after COMMAND_TIMEOUT_MS, so a request
 *   answers 503 `unavailable` promptly rather than hanging until Redis returns.
 * - `blocking`: BullMQ workers and the socket.io adapter. BullMQ requires
 *   `maxRetriesPerRequest: null` there (a blocked command must outlive a reconnect), and the
 *   adapter's subscriptions are re-made by ioredis after a reconnect.
 */
export type RedisRole = 'commands' | 'blocking';

/**
 * How long a command may go unanswered on a connection that is up (a Redis that hangs, or a
 * network that drops packets without closing anything). While disconnected, commands fail at
 * once; this bound is for the rarer silent case, and is generous because the same connection
 * carries the fan-out's bulk enqueues (1,000 jobs at a time) and a busy Redis may take seconds
 * for those: 2.5 s made a loaded CI machine fail sound fan-outs (tests/fault/worker-crash).
 */
export const COMMAND_TIMEOUT_MS = 10_000;
/** Giving up on a connect attempt (a host that drops packets answers nothing at all). */
const CONNECT_TIMEOUT_MS = 2_000;

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  commands: { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS, connectTimeout: CONNECT_TIMEOUT_MS },
  blocking: { maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS },
};

/**
 * A Redis connection. With a monitor, its failures are reported there (one log line per
 * outage for the whole process) instead of one error event per reconnection attempt.
 */
export function createRedis(url: string, name: string, role: RedisRole = 'blocking', monitor?: ServiceMonitor): Redis {
  const redis = new Redis(url, {
    ...ROLE_OPTIONS[role],
    connectionName: name,
    // Reconnect quickly at first, then every 2 s at most (ioredis's own curve).
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  let lastError: unknown;
  // ioredis emits 'error' for every failed attempt, and prints it raw to stderr when nobody
  // listens; the monitor logs the outage once, from 'reconnecting', with the last error.
  redis.on('error', (err) => (lastError = err));
  if (monitor) {
    redis.on('reconnecting', () => monitor.failed('redis', name, lastError));
    redis.on('ready', () => monitor.ok('redis', name));
    redis.on('end', () => monitor.forget('redis', name));
  }
  return redis;
}

/**
 * Closes a connection without waiting on a Redis that is away: QUIT (which lets queued
 * commands go first) when connected, else an immediate disconnect, and never longer than
 * `timeoutMs` either way.
 */
export async function closeRedis(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') return void redis.disconnect();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    redis.quit().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
  redis.disconnect();
}

/** Resolves once the connection is ready, or after `timeoutMs` (false): a node that starts
 *  while Redis is away still starts, and answers 503 where Redis is needed. */
export function whenReady(redis: Redis, timeoutMs = CONNECT_TIMEOUT_MS): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}
