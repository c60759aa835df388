// Whether the backing services (Postgres, Redis) are reachable, as this process sees them.
// Their clients report every failed attempt (ioredis emits an error per reconnection, and
// several connections retry at once); the log gets one line when a service goes away and
// one when it is back, with how long it was away and how many attempts failed meanwhile.
import type { Logger } from './logger.js';

export type ServiceName = 'postgres' | 'redis';

export interface ServiceMonitor {
  /** A connection of this service failed (a connect attempt, or a connection was lost). */
  failed(service: ServiceName, connection: string, err?: unknown): void;
  /** A connection of this service is usable again. */
  ok(service: ServiceName, connection: string): void;
  /** Forget a connection closed on purpose (it is neither up nor down any more). */
  forget(service: ServiceName, connection: string): void;
  isDown(service: ServiceName): boolean;
  /** For /readyz and tests: each service's state. */
  state(): Record<ServiceName, { down: boolean; since: Date | null; failures: number }>;
}

interface Outage {
  since: number;
  failures: number;
  connections: Set<string>;
  /** Until it is logged: an outage shorter than BLIP_MS is no outage worth a line. */
  pending?: NodeJS.Timeout;
  error?: string;
}

/** A connection cut and re-made at once (Postgres terminating a backend, a failover) fails an
 *  attempt or two; only an outage that lasts this long is logged (then, and when it ends). */
export const BLIP_MS = 1_000;

/** The text of an error, short: a code when there is one (ECONNREFUSED), else its message. */
export function errorSummary(err: unknown): string | undefined {
  if (err === undefined || err === null) return undefined;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] };
  // Node's AggregateError (a host with several addresses) carries the codes in `errors`.
  const first = Array.isArray(e.errors) && e.errors.length ? (e.errors[0] as { code?: unknown; message?: unknown }) : undefined;
  const code = typeof e.code === 'string' ? e.code : typeof first?.code === 'string' ? first.code : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : typeof first?.message === 'string' ? first.message : String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export function createServiceMonitor(logger: Logger): ServiceMonitor {
  const outages = new Map<ServiceName, Outage>();
  return {
    failed(service, connection, err) {
      let outage = outages.get(service);
      if (!outage) {
        const started: Outage = { since: Date.now(), failures: 0, connections: new Set(), error: errorSummary(err) };
        started.pending = setTimeout(() => {
          started.pending = undefined;
          logger.error({ dependency: service, error: started.error }, `${service} is unreachable; retrying (requests that need it answer 503)`);
        }, BLIP_MS);
        started.pending.unref();
        outage = started;
        outages.set(service, outage);
      }
      outage.failures++;
      outage.connections.add(connection);
    },
    ok(service, connection) {
      const outage = outages.get(service);
      if (!outage) return;
      outage.connections.delete(connection);
      if (outage.connections.size > 0) return;
      outages.delete(service);
      if (outage.pending) return void clearTimeout(outage.pending); // a blip: never logged
      logger.info(
        { dependency: service, downForMs: Date.now() - outage.since, failedAttempts: outage.failures },
        `${service} is reachable again after ${formatDuration(Date.now() - outage.since)} and ${outage.failures} failed attempt(s)`,
      );
    },
    forget(service, connection) {
      const outage = outages.get(service);
      outage?.connections.delete(connection);
      // Still down for the connections that remain; an outage with none left is over silently
      // (the process is closing them).
      if (outage && outage.connections.size === 0) {
        clearTimeout(outage.pending);
        outages.delete(service);
      }
    },
    isDown: (service) => outages.has(service),
    state() {
      const one = (s: ServiceName) => {
        const o = outages.get(s);
        return { down: Boolean(o), since: o ? new Date(o.since) : null, failures: o?.failures ?? 0 };
      };
      return { postgres: one('postgres'), redis: one('redis') };
    },
  };
}

function formatDuration(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Waits for `promise`, but no longer than `ms`; a rejection counts as done. */
export async function withTimeout(promise: Promise<unknown>, ms: number): Promise<'done' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    promise.then(() => 'done' as const, () => 'done' as const),
    new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms))),
  ]);
  clearTimeout(timer);
  return outcome;
}
