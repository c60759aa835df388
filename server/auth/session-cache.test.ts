// The handshake session cache against a real Redis: one query per burst, answers from memory
// afterwards, and an invalidation (from any process) that drops a session or a person at once,
// even one whose read was in flight when it came.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { createSessionCache, invalidateManyUserSessions, invalidateSession, invalidateUserSessions, type SessionCache } from './session-cache.js';
import { hashToken } from './sessions.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `heraldo-test-${randomBytes(5).toString('hex')}`;
let publisher: Redis;
let subscriber: Redis;
let cache: SessionCache | undefined;

beforeAll(() => {
  publisher = new Redis(REDIS_URL);
  subscriber = new Redis(REDIS_URL);
});
afterEach(async () => {
  await cache?.close();
  cache = undefined;
});
afterAll(() => {
  publisher.disconnect();
  subscriber.disconnect();
});

const ctx = () => ({ redis: publisher, config: { redisPrefix: prefix }, logger: { warn: () => {} } }) as never;

interface Row { id: string; tokenHash: string; expiresAt: Date; revokedAt: Date | null; user: { id: string; email: string; name: string; role: 'employee'; locale: string; timezone: string; active: boolean } }

/** A stand-in for the database behind findSessionUsers (one `$queryRaw` join): the sessions
 *  it holds, every query it was asked. */
function fakeDb(rows: Row[]) {
  const queries: string[][] = [];
  let hold: Promise<void> | null = null;
  const db = {
    $queryRaw: async (_sql: TemplateStringsArray, hashes: string[]) => {
      queries.push(hashes);
      const snapshot = rows
        .filter((r) => hashes.includes(r.tokenHash))
        .map((r) => ({ tokenHash: r.tokenHash, sessionId: r.id, expiresAt: r.expiresAt, revokedAt: r.revokedAt, ...r.user }));
      if (hold) await hold;
      return snapshot;
    },
  };
  return { db: db as unknown as Db, queries, holdNext: (p: Promise<void>) => (hold = p), release: () => (hold = null) };
}

function session(token: string, userId = `user-${token}`): Row {
  return {
    id: `session-${token}`,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 3_600_000),
    revokedAt: null,
    user: { id: userId, email: `${token}@heraldo.test`, name: token, role: 'employee', locale: 'en', timezone: 'UTC', active: true },
  };
}

async function listening(c: SessionCache, rows: Row[], db: ReturnType<typeof fakeDb>): Promise<void> {
  // Caching starts once the node is subscribed: wait until a lookup is remembered.
  for (let i = 0; i < 200 && c.size() === 0; i++) {
    await c.find(rows[0]!.id.replace('session-', ''));
    if (c.size() === 0) await new Promise((r) => setTimeout(r, 10));
  }
  db.queries.length = 0;
}

describe('session cache', () => {
  it('answers a burst of handshakes with one query, and a reconnect with none', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => session(`t${i}`));
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix);
    await listening(cache, rows, db);

    const users = await Promise.all([...rows.map((r) => cache!.find(r.id.replace('session-', ''))), cache.find('unknown'), cache.find(undefined)]);
    expect(db.queries).toHaveLength(1);
    expect(users.slice(0, 100).map((u) => u?.sessionId)).toEqual(rows.map((r) => r.id));
    expect(users.slice(100)).toEqual([null, null]);

    expect((await cache.find('t7'))?.id).toBe('user-t7');
    expect(db.queries).toHaveLength(1); // from memory
    expect(await cache.find('unknown')).toBeNull();
    expect(db.queries).toHaveLength(2); // unknown tokens are not remembered
  });

  it('reads one batch at a time: what arrives meanwhile goes in the next, 1,000 tokens a query at most', async () => {
    const rows = Array.from({ length: 1_202 }, (_, i) => session(`m${i}`));
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix);
    await listening(cache, rows, db); // m0 is cached from here on

    let release!: () => void;
    db.holdNext(new Promise<void>((r) => (release = r)));
    const first = cache.find('m1');
    await until(() => db.queries.length === 1);
    const rest = rows.slice(2).map((r) => cache!.find(r.id.replace('session-', '')));
    await new Promise((r) => setImmediate(r)); // a turn in which a second read could have started
    expect(db.queries).toHaveLength(1);
    db.release();
    release();
    const users = await Promise.all([first, ...rest]);
    expect(users.map((u) => u?.sessionId)).toEqual(rows.slice(1).map((r) => r.id));
    expect(db.queries.map((q) => q.length)).toEqual([1, 1_000, 200]);
  });

  it('forgets a session, or all of a person\'s, as soon as an invalidation is published', async () => {
    const rows = [session('a1', 'ann'), session('a2', 'ann'), session('b1', 'ben')];
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix);
    await listening(cache, rows, db);
    await Promise.all(['a1', 'a2', 'b1'].map((t) => cache!.find(t)));

    // Revoked in the database, but this node does not know yet: it answers from memory.
    rows[0]!.revokedAt = new Date();
    expect(await cache.find('a1')).not.toBeNull();
    await invalidateSession(ctx(), 'session-a1');
    await until(async () => (await cache!.find('a1')) === null);

    // A person deactivated: every session of theirs, and no one else's.
    rows[1]!.user.active = false;
    await invalidateUserSessions(ctx(), 'ann');
    await until(async () => (await cache!.find('a2')) === null);
    const before = db.queries.length;
    expect((await cache.find('b1'))?.id).toBe('ben');
    expect(db.queries.length).toBe(before);
  });

  it('forgets many people in one message, or everyone past 500 of them (a CSV import)', async () => {
    const rows = [session('p1', 'pat'), session('q1', 'quinn'), session('r1', 'rae')];
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix);
    await listening(cache, rows, db);
    await Promise.all(['p1', 'q1', 'r1'].map((t) => cache!.find(t)));

    await invalidateManyUserSessions(ctx(), ['pat', 'quinn']);
    await until(() => cache!.size() === 1);
    const before = db.queries.length;
    await cache.find('r1'); // rae's stays cached
    expect(db.queries.length).toBe(before);
    await Promise.all(['p1', 'q1'].map((t) => cache!.find(t))); // the others are read again
    expect(db.queries.slice(before).flat().sort()).toEqual([hashToken('p1'), hashToken('q1')].sort());
    expect(cache.size()).toBe(3);
    await invalidateManyUserSessions(ctx(), Array.from({ length: 501 }, (_, i) => `someone-${i}`));
    await until(() => cache!.size() === 0);
  });

  it('reads again when an invalidation comes while a read is in flight', async () => {
    const rows = [session('c1', 'cid'), session('warm')];
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix);
    await listening(cache, [rows[1]!], db);

    let release!: () => void;
    db.holdNext(new Promise<void>((r) => (release = r)));
    const pending = cache.find('c1'); // reads the row while it is still valid...
    await until(() => db.queries.length === 1);
    rows[0]!.revokedAt = new Date(); // ...then the logout commits and is published
    await invalidateSession(ctx(), 'session-c1');
    await new Promise((r) => setTimeout(r, 100)); // let the message arrive
    db.release();
    release();
    expect(await pending).toBeNull(); // the second read saw the revocation
    expect(db.queries).toHaveLength(2);
  });

  it('keeps a session no longer than its time to live', async () => {
    const rows = [session('d1'), session('warm')];
    const db = fakeDb(rows);
    cache = createSessionCache(db.db, subscriber, prefix, 50);
    await listening(cache, [rows[1]!], db);
    await cache.find('d1');
    await new Promise((r) => setTimeout(r, 120));
    await cache.find('d1');
    expect(db.queries).toHaveLength(2);
  });
});

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(await check()).toBe(true);
}
