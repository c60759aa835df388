// Redis for the bench: its own key prefix, wiped at the start, and INFO commandstats deltas.
import { Redis } from 'ioredis';
import { REDIS_PREFIX, REDIS_URL } from './util.js';

export function openRedis(): Redis {
  return new Redis(REDIS_URL, { connectionName: 'heraldo-bench-runner' });
}

export async function wipePrefix(redis: Redis): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/** Calls per command since the Redis server started (INFO commandstats). */
export async function commandStats(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const out: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]!.toUpperCase()] = Number(m[2]);
  return out;
}

export function diffStats(after: Record<string, number>, before: Record<string, number>): { total: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d > 0) {
      byKind[k] = d;
      total += d;
    }
  }
  return { total, byKind };
}

export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
}
