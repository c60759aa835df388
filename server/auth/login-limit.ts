// Password sign-in throttling, counted in Redis so that every api node enforces the same
// limits. It keeps guessing out without handing anyone a way to lock a person out (OWASP
// Authentication Cheat Sheet: limit per account and per source, prefer delays to lockouts):
//
// - A source that signed into an account within 30 days is "known" to that account: its
//   address, or the device cookie that sign-in set. Failures from a known source only slow
//   that source down for that account: the first 5 are free, then each further try waits
//   1 s, 2 s, 4 s … (at most 15 min). What others do never touches it.
// - Unknown sources share two budgets: 10 failures per account in 15 minutes (then unknown
//   sources wait for that account), and 50 failures per address in 15 minutes over all
//   accounts (then that address waits, for accounts it is not known to).
//
// So ten wrong passwords from anywhere do not lock the owner out of their usual browser or
// office, and one address trying many accounts does not lock out the colleagues behind it
// who signed in from it before. Each attempt is counted before the password is checked, in
// one atomic step, so parallel guesses get no more tries than serial ones.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

export const LIMITS = {
  /** Unknown sources: failures per account, and per address, in one window. */
  accountFailures: 10,
  addressFailures: 50,
  windowSeconds: 15 * 60,
  /** Known sources: failures before delays start, and the longest delay. */
  freeFailures: 5,
  maxDelaySeconds: 15 * 60,
  /** How long a successful sign-in makes its source known. */
  knownForSeconds: 30 * 24 * 3600,
} as const;

/** A known source's failure count outlives its longest delay: waiting does not reset it. */
const PAIR_TTL_SECONDS = 24 * 3600;
/** Known sources kept per account (the most recent). */
const KNOWN_PER_ACCOUNT = 50;

export interface Attempt {
  email: string;
  ip: string;
  /** The device id from a valid device cookie, if the browser sent one. */
  device?: string;
}

export interface LoginLimiter {
  /** Takes one attempt: `wait` is 0 when it may go ahead, else the seconds to wait; `known`
   *  says whether it came from a source known to the account. */
  acquire(attempt: Attempt): Promise<{ wait: number; known: boolean }>;
  /** The password was right: the attempt is not a failure, and its address and device become
   *  known to the account. Returns the device id to keep in the browser's cookie. */
  succeeded(attempt: Attempt, known: boolean): Promise<string>;
}

// KEYS: known, account, address, pair by address, pair by device.
// ARGV: now ms, known since ms, address member, device member or '', window s, account max,
//       address max, free failures, max delay s, pair ttl s.
// Returns {1 if known else 0, seconds to wait}.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local pair = nil
if ARGV[4] ~= '' then
  local s = redis.call('ZSCORE', KEYS[1], ARGV[4])
  if s and tonumber(s) >= tonumber(ARGV[2]) then pair = KEYS[5] end
end
if not pair then
  local s = redis.call('ZSCORE', KEYS[1], ARGV[3])
  if s and tonumber(s) >= tonumber(ARGV[2]) then pair = KEYS[4] end
end
if pair then
  local nextAt = tonumber(redis.call('HGET', pair, 'next') or '0')
  if nextAt > now then return {1, math.ceil((nextAt - now) / 1000)} end
  local n = redis.call('HINCRBY', pair, 'n', 1)
  local free = tonumber(ARGV[8])
  if n > free then
    local delay = math.min(2 ^ (n - free - 1), tonumber(ARGV[9]))
    redis.call('HSET', pair, 'next', now + delay * 1000)
  end
  redis.call('EXPIRE', pair, tonumber(ARGV[10]))
  return {1, 0}
end
local window = tonumber(ARGV[5])
local a = redis.call('INCR', KEYS[2])
if a == 1 then redis.call('EXPIRE', KEYS[2], window) end
local i = redis.call('INCR', KEYS[3])
if i == 1 then redis.call('EXPIRE', KEYS[3], window) end
local wait = 0
if a > tonumber(ARGV[6]) then wait = math.max(wait, redis.call('TTL', KEYS[2]), 1) end
if i > tonumber(ARGV[7]) then wait = math.max(wait, redis.call('TTL', KEYS[3]), 1) end
return {0, wait}
`;

// KEYS as ACQUIRE. ARGV: 1 if the attempt came from a known source, now ms, known since ms,
// address member, device member, known sources kept, known for s.
const SUCCEEDED = `
if ARGV[1] == '1' then
  redis.call('DEL', KEYS[4], KEYS[5])
else
  -- Counted as an unknown source's failure before the check: it was none.
  for _, key in ipairs({KEYS[2], KEYS[3]}) do
    if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
  end
end
local now = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[4], now, ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[6]) - 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[7]))
`;

export function createLoginLimiter(redis: Redis, prefix: string): LoginLimiter {
  const keys = ({ email, ip, device }: Attempt) => {
    const account = email.trim().toLowerCase();
    return {
      known: `${prefix}:login:known:${account}`,
      account: `${prefix}:login:email:${account}`,
      address: `${prefix}:login:ip:${ip}`,
      pairByAddress: `${prefix}:login:pair:${account}:ip:${ip}`,
      pairByDevice: `${prefix}:login:pair:${account}:device:${device ?? ''}`,
      addressMember: `ip:${ip}`,
      deviceMember: device ? `device:${device}` : '',
    };
  };
  return {
    async acquire(attempt) {
      const k = keys(attempt);
      const now = Date.now();
      const [known, wait] = (await redis.eval(
        ACQUIRE, 5, k.known, k.account, k.address, k.pairByAddress, k.pairByDevice,
        now, now - LIMITS.knownForSeconds * 1000, k.addressMember, k.deviceMember, LIMITS.windowSeconds,
        LIMITS.accountFailures, LIMITS.addressFailures, LIMITS.freeFailures, LIMITS.maxDelaySeconds, PAIR_TTL_SECONDS,
      )) as [number, number];
      return { wait, known: known === 1 };
    },
    async succeeded(attempt, known) {
      const k = keys(attempt);
      const device = attempt.device ?? randomBytes(16).toString('base64url');
      const now = Date.now();
      await redis.eval(
        SUCCEEDED, 5, k.known, k.account, k.address, k.pairByAddress, k.pairByDevice,
        known ? 1 : 0, now, now - LIMITS.knownForSeconds * 1000, k.addressMember, `device:${device}`, KNOWN_PER_ACCOUNT, LIMITS.knownForSeconds,
      );
      return device;
    },
  };
}

/** The device cookie's value: the device id and its HMAC, so a browser cannot make one up. */
export function signDevice(device: string, secret: string): string {
  return `${device}.${createHmac('sha256', `${secret}:device`).update(device).digest('base64url')}`;
}

/** The device id of a cookie value this server signed, else undefined. */
export function verifyDevice(value: string | undefined, secret: string): string | undefined {
  if (!value || value.length > 200) return undefined;
  const dot = value.lastIndexOf('.');
  const device = value.slice(0, dot);
  if (dot <= 0 || !/^[A-Za-z0-9_-]{16,64}$/.test(device)) return undefined;
  const expected = Buffer.from(signDevice(device, secret));
  const given = Buffer.from(value);
  return expected.length === given.length && timingSafeEqual(expected, given) ? device : undefined;
}
