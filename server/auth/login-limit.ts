// Login attempts counted in Redis, so every api node enforces the same limit: after
// MAX_FAILURES failed attempts for one email (from anywhere) or from one address, further
// attempts are refused until the window passes.
import type { Redis } from 'ioredis';

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

export interface LoginLimiter {
  /**
   * Takes one attempt for this email and address before the password is checked: 0 when it
   * may go ahead, else the seconds to wait. Counting first, in one atomic step, is what keeps
   * parallel guesses from all slipping in before the first failure is counted.
   */
  acquire(email: string, ip: string): Promise<number>;
  /** The password was right: the email's failures are forgotten and the attempt does not
   *  count against the address (which many colleagues may share). */
  succeeded(email: string, ip: string): Promise<void>;
}

export function createLoginLimiter(redis: Redis, prefix: string, max = MAX_FAILURES): LoginLimiter {
  const keys = (email: string, ip: string) => [`${prefix}:login:email:${email.toLowerCase()}`, `${prefix}:login:ip:${ip}`] as const;
  return {
    async acquire(email, ip) {
      const [emailKey, ipKey] = keys(email, ip);
      const replies = await redis
        .multi()
        .incr(emailKey).expire(emailKey, WINDOW_SECONDS, 'NX')
        .incr(ipKey).expire(ipKey, WINDOW_SECONDS, 'NX')
        .ttl(emailKey).ttl(ipKey)
        .exec();
      const [e, , i, , eTtl, iTtl] = (replies ?? []).map(([err, value]) => {
        if (err) throw err;
        return Number(value);
      });
      // The per-address limit is looser: several people may share an office's address.
      const waits = [e! > max ? eTtl! : 0, i! > max * 5 ? iTtl! : 0];
      if (waits.every((w) => w === 0)) return 0;
      return Math.max(...waits) > 0 ? Math.max(...waits) : WINDOW_SECONDS;
    },
    async succeeded(email, ip) {
      const [emailKey, ipKey] = keys(email, ip);
      await redis.multi().del(emailKey).decr(ipKey).expire(ipKey, WINDOW_SECONDS, 'NX').exec();
    },
  };
}
