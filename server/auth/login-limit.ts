// Login attempts counted in Redis, so every api node enforces the same limit: after
// MAX_FAILURES failed attempts for one email (from anywhere) or from one address, further
// attempts are refused until the window passes.
import type { Redis } from 'ioredis';

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

export interface LoginLimiter {
  /** Seconds to wait when locked out, else 0. */
  retryAfter(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  reset(email: string): Promise<void>;
}

export function createLoginLimiter(redis: Redis, prefix: string, max = MAX_FAILURES): LoginLimiter {
  const keys = (email: string, ip: string) => [`${prefix}:login:email:${email.toLowerCase()}`, `${prefix}:login:ip:${ip}`];
  return {
    async retryAfter(email, ip) {
      const [emailKey, ipKey] = keys(email, ip) as [string, string];
      const [e, i] = await redis.mget(emailKey, ipKey);
      // The per-address limit is looser: several people may share an office's address.
      if (Number(e ?? 0) < max && Number(i ?? 0) < max * 5) return 0;
      const ttl = Math.max(await redis.ttl(emailKey), await redis.ttl(ipKey));
      return ttl > 0 ? ttl : WINDOW_SECONDS;
    },
    async recordFailure(email, ip) {
      const tx = redis.multi();
      for (const key of keys(email, ip)) tx.incr(key).expire(key, WINDOW_SECONDS, 'NX');
      await tx.exec();
    },
    async reset(email) {
      await redis.del(keys(email, '')[0]!);
    },
  };
}
