// Sessions for socket handshakes without one database round trip each. A burst of handshakes
// (an api node restarting, 10,000 clients coming back) is answered with one query per batch:
// one read at a time, covering every token that arrived while the previous one ran. What it
// found is kept in this process for a short while, so a client that reconnects is let in
// without a query.
//
// A cached session must never outlive its revocation: every change that ends sessions or
// changes who a person is (logout, deactivation, a role change) publishes an invalidation
// on one Redis channel that every api node listens to, and each drops what it holds for that
// session or person. Two backstops cover a message that never arrives: entries live at most
// CACHE_TTL_MS, and while the node's subscription to the channel is down (Redis restarting)
// nothing is cached at all, and everything is forgotten when it comes back.
import type { Redis } from 'ioredis';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import { findSessionUsers, hashToken, type SessionUser } from './sessions.js';

/** How long a session stays cached when no invalidation comes. */
export const CACHE_TTL_MS = 30_000;
/** Entries kept at most (about 1 KiB each); the oldest go first. */
const MAX_ENTRIES = 100_000;
/** Tokens read in one query at most. */
const MAX_BATCH = 1_000;
/** A lookup that overlapped an invalidation is read again, at most this many times. */
const MAX_REREADS = 3;

type Invalidation = { session: string } | { user: string } | { users: string[] } | { all: true };

export const sessionChannel = (redisPrefix: string) => `${redisPrefix}:sessions:invalidate`;

type Publisher = Pick<Context, 'redis' | 'config' | 'logger'>;

async function publish(ctx: Publisher, message: Invalidation): Promise<void> {
  // While Redis is away the message is lost, but so is every node's subscription: each
  // forgets its cache when it subscribes again (and the TTL bounds the rest).
  await ctx.redis.publish(sessionChannel(ctx.config.redisPrefix), JSON.stringify(message)).catch((err: Error) =>
    ctx.logger.warn({ err: err.message, ...message }, 'session invalidation not published; cached copies expire by themselves'),
  );
}

/** Call once a session was revoked (logout), after the change committed. */
export function invalidateSession(ctx: Publisher, sessionId: string): Promise<void> {
  return publish(ctx, { session: sessionId });
}

/**
 * Call once a change to a person committed that ends their sessions or changes what a
 * session says about them: deactivation (people/ and SCIM call this), a new role (staff join
 * the staff room at connect), name, locale or timezone. Every api node drops its cached
 * sessions of that person at once; their next handshake reads the database again.
 */
export function invalidateUserSessions(ctx: Publisher, userId: string): Promise<void> {
  return publish(ctx, { user: userId });
}

/** Past this many people one message says "forget everything": a 100,000-row import must
 *  not become 100,000 messages, and re-reading every session once costs one query a burst. */
const MAX_USERS_PER_MESSAGE = 500;

/** invalidateUserSessions for many people at once (a CSV import): one message. */
export function invalidateManyUserSessions(ctx: Publisher, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return Promise.resolve();
  return publish(ctx, userIds.length > MAX_USERS_PER_MESSAGE ? { all: true } : { users: userIds });
}

interface Entry { user: SessionUser; until: number }
interface Waiter { resolve(user: SessionUser | null): void; reject(err: unknown): void }

export interface SessionCache {
  /** The user behind a token, or null when it is unknown, expired or revoked. */
  find(token: string | undefined): Promise<SessionUser | null>;
  /** How many sessions are cached (metrics, tests). */
  size(): number;
  close(): Promise<void>;
}

/**
 * `subscriber` is a connection in subscriber mode that this cache may add a channel to (the
 * socket.io adapter's): ioredis subscribes it again by itself after a reconnection.
 */
export function createSessionCache(db: Db, subscriber: Redis, redisPrefix: string, ttlMs = CACHE_TTL_MS): SessionCache {
  const channel = sessionChannel(redisPrefix);
  const byHash = new Map<string, Entry>();
  const bySession = new Map<string, string>();
  const byUser = new Map<string, Set<string>>();
  /** Bumped by every invalidation: a lookup that saw it change may have read stale rows. */
  let epoch = 0;
  /** Only while subscribed can this node hear invalidations, and only then may it cache. */
  let listening = false;
  let subscribed = false;
  const pending = new Map<string, Waiter[]>();
  let scheduled = false;
  /** One read at a time: tokens that arrive while it runs wait for the next, so the busier
   *  the node, the larger each batch (and a quiet node adds no delay). */
  let reading = false;
  const schedule = () => {
    if (scheduled || reading || pending.size === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  const drop = (hash: string) => {
    const entry = byHash.get(hash);
    if (!entry) return;
    byHash.delete(hash);
    bySession.delete(entry.user.sessionId);
    const hashes = byUser.get(entry.user.id);
    hashes?.delete(hash);
    if (hashes?.size === 0) byUser.delete(entry.user.id);
  };
  const clear = () => {
    epoch++;
    byHash.clear();
    bySession.clear();
    byUser.clear();
  };
  const remember = (hash: string, user: SessionUser) => {
    if (!listening) return;
    drop(hash);
    if (byHash.size >= MAX_ENTRIES) drop(byHash.keys().next().value!);
    byHash.set(hash, { user, until: Math.min(Date.now() + ttlMs, user.expiresAt.getTime()) });
    bySession.set(user.sessionId, hash);
    let hashes = byUser.get(user.id);
    if (!hashes) byUser.set(user.id, (hashes = new Set()));
    hashes.add(hash);
  };

  // As Buffers: a 'message' listener would make ioredis decode every message on this
  // connection to text, the adapter's large fan-out pages included.
  const channelBytes = Buffer.from(channel);
  const onMessage = (from: Buffer, body: Buffer) => {
    if (!from.equals(channelBytes)) return; // the adapter's own channels share this connection
    epoch++;
    let message: Partial<{ session: string; user: string; users: string[]; all: boolean }>;
    try {
      message = JSON.parse(body.toString()) as typeof message;
    } catch {
      return clear();
    }
    if (message.session) {
      const hash = bySession.get(message.session);
      if (hash) drop(hash);
    }
    if (message.all) return clear();
    const users = message.user ? [message.user] : Array.isArray(message.users) ? message.users : [];
    for (const user of users) for (const hash of [...(byUser.get(user) ?? [])]) drop(hash);
  };
  const onClose = () => {
    listening = false;
    clear();
  };
  const onReady = () => {
    // ioredis emits 'ready' first and re-subscribes right after, in the same turn: a PING
    // sent on the next turn is answered only once the subscriptions are made again.
    setImmediate(() =>
      void subscriber.ping().then(() => {
        clear();
        listening = subscribed;
      }, () => undefined),
    );
  };
  subscriber.on('messageBuffer', onMessage);
  subscriber.on('close', onClose);
  subscriber.on('ready', onReady);
  void subscriber.subscribe(channel).then(() => (listening = subscribed = true), () => undefined);

  /** Reads the sessions, again if an invalidation came meanwhile (the rows may predate it). */
  const read = async (hashes: string[]): Promise<Map<string, SessionUser>> => {
    for (let attempt = 0; ; attempt++) {
      const seen = epoch;
      const found = await findSessionUsers(db, hashes);
      if (seen === epoch) {
        for (const [hash, user] of found) remember(hash, user);
        return found;
      }
      if (attempt === MAX_REREADS) return found; // invalidations keep coming: answer, but cache nothing
    }
  };

  /** One query for every token that came in since the last one (up to MAX_BATCH). */
  const flush = async () => {
    scheduled = false;
    const batch = new Map<string, Waiter[]>();
    for (const [hash, waiters] of pending) {
      if (batch.size === MAX_BATCH) break;
      batch.set(hash, waiters);
      pending.delete(hash);
    }
    reading = true;
    try {
      const found = await read([...batch.keys()]);
      for (const [hash, waiters] of batch) for (const w of waiters) w.resolve(found.get(hash) ?? null);
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    } finally {
      reading = false;
      schedule();
    }
  };

  return {
    find(token) {
      if (!token || token.length > 200) return Promise.resolve(null);
      const hash = hashToken(token);
      const entry = byHash.get(hash);
      if (entry) {
        if (entry.until > Date.now()) return Promise.resolve(entry.user);
        drop(hash);
      }
      return new Promise<SessionUser | null>((resolve, reject) => {
        const waiters = pending.get(hash);
        if (waiters) waiters.push({ resolve, reject });
        else pending.set(hash, [{ resolve, reject }]);
        schedule();
      });
    },
    size: () => byHash.size,
    async close() {
      subscriber.off('messageBuffer', onMessage);
      subscriber.off('close', onClose);
      subscriber.off('ready', onReady);
      clear();
      listening = false;
    },
  };
}
