// Redis or Postgres away, at start or later: requests that need it answer 503 `unavailable`
// with Retry-After promptly (never hang), the log says so once and once again when it is
// back, and SIGTERM stops the process promptly whatever the state. Real processes: a Heraldo
// node (server/main.ts), a private redis-server, and a TCP proxy in front of Postgres.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createSession } from '../../server/auth/sessions.js';
import { createPrisma, type PrismaClient } from '../../server/db/client.js';
import { createTestDatabase } from '../support/databases.js';
import { PASSWORD, departmentIds, waitUntil } from '../support/harness.js';
import { freePort, spawnHeraldo, startRedisServer, type HeraldoProcess, type RedisServer } from '../support/processes.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** Generous on purpose: the suites run in parallel on two cores. The code's own bounds are
 *  about 2 s (server/redis.ts); this only proves that an answer comes, never a hang. */
const ANSWERS_WITHIN_MS = 10_000;

let db: { url: string; drop(): Promise<void> };
let prisma: PrismaClient;
const procs: HeraldoProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('testRun'));
  prisma = createPrisma(db.url, 2);
});
afterEach(async () => {
  await Promise.all(procs.splice(0).map((p) => p.kill('SIGKILL')));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function start(env: Record<string, string>): Promise<HeraldoProcess> {
  const proc = await spawnHeraldo({ DATABASE_URL: db.url, HERALDO_REDIS_PREFIX: `ops-${Date.now().toString(36)}`, LOG_LEVEL: 'info', ...env });
  procs.push(proc);
  return proc;
}

type Answer = { status: number; code?: string; retryAfter: string | null };

async function call(url: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(ANSWERS_WITHIN_MS),
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') };
}

const signIn = (url: string, email = 'alice@heraldo.test') => call(url, '/api/auth/login', { method: 'POST', body: { email, password: PASSWORD } });

/** The JSON log lines about one backing service (the outage and recovery lines). */
function serviceLines(proc: HeraldoProcess, service: 'redis' | 'postgres') {
  return proc
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; dependency?: string; downForMs?: number; failedAttempts?: number })
    .filter((l) => l.dependency === service);
}

async function sigterm(proc: HeraldoProcess): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  proc.child.kill('SIGTERM');
  const code = await Promise.race([proc.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), ANSWERS_WITHIN_MS))]);
  if (code === 'hung') throw new Error(`still running ${ANSWERS_WITHIN_MS} ms after SIGTERM:\n${proc.output().slice(-2000)}`);
  return { code, ms: Date.now() - t0 };
}

async function bearer(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return (await createSession(prisma, user.id, 3600_000)).token;
}

describe('Redis unreachable from the start', () => {
  it('answers 503 with Retry-After where Redis is needed, logs the outage once, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const proc = await start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    // Sign-in counts attempts in Redis: refused with 503, several at once, none hangs.
    const answers = await Promise.all([1, 2, 3, 4].map(() => signIn(proc.url!)));
    for (const a of answers) expect(a).toEqual({ status: 503, code: 'unavailable', retryAfter: '5' });
    // What needs only Postgres still works, and publishing answers 201 (the dispatcher
    // enqueues it once Redis is back).
    const token = await bearer('comms@heraldo.test');
    expect((await call(proc.url!, '/api/inbox', { token })).status).toBe(200);
    const dept = await departmentIds(prisma);
    const published = await call(proc.url!, '/api/announcements', {
      method: 'POST',
      token,
      body: { title: 'while Redis is away', body: 'x', audience: { type: 'departments', departmentIds: [dept.it] }, channels: ['in_app'], priority: 'normal' },
    });
    expect(published.status, proc.output().split('\n').filter((l) => l.includes('"level":50')).join('\n')).toBe(201);
    expect((await call(proc.url!, '/readyz')).status).toBe(503);

    // Several seconds of reconnection attempts on six connections: one line says Redis is away.
    await new Promise((r) => setTimeout(r, 4_000));
    const lines = serviceLines(proc, 'redis');
    expect(lines.map((l) => l.msg)).toEqual([expect.stringMatching(/^redis is unreachable/)]);
    expect(proc.output()).not.toMatch(/ECONNREFUSED.*\n.*ECONNREFUSED.*\n.*ECONNREFUSED/); // no line per retry
    expect(proc.output()).not.toContain('[ioredis] Unhandled error event');

    const stop = await sigterm(proc);
    expect(stop.code).toBe(0);
    console.info(`SIGTERM with Redis away: exited in ${stop.ms} ms`);
  });
});

describe('Redis going away and coming back', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
    redis?.cleanup();
  });

  it('answers 503 while it is away, works again when it is back, and logs one line each way', { timeout: 90_000 }, async () => {
    const proc = await start({ REDIS_URL: redis.url });
    expect((await signIn(proc.url!)).status).toBe(200);

    await redis.stop();
    expect(await signIn(proc.url!)).toEqual({ status: 503, code: 'unavailable', retryAfter: '5' });
    await waitUntil(() => serviceLines(proc, 'redis').length === 1, ANSWERS_WITHIN_MS, 'the outage line');
    await new Promise((r) => setTimeout(r, 3_000)); // retries go on, silently

    await redis.start();
    await waitUntil(async () => (await signIn(proc.url!)).status === 200, 20_000, 'sign-in to work again');
    await waitUntil(() => serviceLines(proc, 'redis').length === 2, ANSWERS_WITHIN_MS, 'the recovery line');
    const [away, back] = serviceLines(proc, 'redis');
    expect(away!.msg).toMatch(/^redis is unreachable/);
    expect(back!.msg).toMatch(/^redis is reachable again after [\d.]+ s and \d+ failed attempt/);
    expect(back!.downForMs).toBeGreaterThanOrEqual(3_000);
    expect(back!.failedAttempts).toBeGreaterThan(1);

    expect((await sigterm(proc)).code).toBe(0);
  });
});

describe('Postgres failing after start', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  });
  afterAll(() => proxy?.close());

  it('answers 503 unavailable (not 500), logs the outage once, recovers, and stops on SIGTERM', { timeout: 90_000 }, async () => {
    const proc = await start({ DATABASE_URL: proxy.url(db.url) });
    const token = await bearer('alice@heraldo.test');
    expect((await signIn(proc.url!)).status).toBe(200);
    expect((await call(proc.url!, '/api/inbox', { token })).status).toBe(200);

    await proxy.break();
    const during = await Promise.all([signIn(proc.url!, 'bob@heraldo.test'), call(proc.url!, '/api/inbox', { token }), call(proc.url!, '/api/me', { token })]);
    for (const a of during) expect(a).toEqual({ status: 503, code: 'unavailable', retryAfter: '5' });
    expect((await call(proc.url!, '/readyz')).status).toBe(503);
    for (let i = 0; i < 5; i++) expect((await call(proc.url!, '/api/inbox', { token })).status).toBe(503);
    await waitUntil(() => serviceLines(proc, 'postgres').length > 0, ANSWERS_WITHIN_MS, 'the outage line');
    expect(serviceLines(proc, 'postgres').map((l) => l.msg)).toEqual([expect.stringMatching(/^postgres is unreachable/)]);

    await proxy.heal();
    await waitUntil(async () => (await call(proc.url!, '/api/inbox', { token })).status === 200, 20_000, 'the inbox to answer again');
    const [, back] = serviceLines(proc, 'postgres');
    expect(back?.msg).toMatch(/^postgres is reachable again after/);
    expect(back?.failedAttempts).toBeGreaterThanOrEqual(6);

    await proxy.break();
    const stop = await sigterm(proc);
    expect(stop.code).toBe(0);
    console.info(`SIGTERM with Postgres away: exited in ${stop.ms} ms`);
  });
});
