// A test's own Heraldo world: its own database (cloned from the seeded template), its own
// Redis key prefix, and as many nodes (api, worker or both) as the test wants.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config.js';
import { createPrisma, type PrismaClient } from '../../server/db/client.js';
import { startHeraldo, type Heraldo } from '../../server/heraldo.js';
import { createLogger } from '../../server/logger.js';
import type { NotificationPayload } from '../../server/inbox/notifications.js';
import { createTestDatabase } from './databases.js';

export const PASSWORD = 'heraldo-demo';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface World {
  databaseUrl: string;
  prefix: string;
  prisma: PrismaClient;
  config(env?: Record<string, string>): Config;
  /** Starts a node; services default to all. Stopped by `close()`. */
  start(env?: Record<string, string>): Promise<Heraldo>;
  close(): Promise<void>;
}

export async function createWorld(baseEnv: Record<string, string> = {}): Promise<World> {
  const db = await createTestDatabase(inject('testRun'));
  const prefix = `heraldo-test-${randomBytes(5).toString('hex')}`;
  const prisma = createPrisma(db.url, 4);
  const nodes: Heraldo[] = [];
  const config = (env: Record<string, string> = {}) =>
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      HERALDO_REDIS_PREFIX: prefix,
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DISPATCH_INTERVAL_MS: '500',
      ...baseEnv,
      ...env,
    });
  return {
    databaseUrl: db.url,
    prefix,
    prisma,
    config,
    async start(env = {}) {
      const c = config(env);
      const node = await startHeraldo(c, createLogger(c.logLevel));
      nodes.push(node);
      return node;
    },
    async close() {
      await Promise.allSettled(nodes.map((n) => n.stop()));
      await prisma.$disconnect();
      await deleteKeys(prefix);
      await db.drop();
    },
  };
}

/**
 * Deletes every Redis key under `prefix` at once, as FLUSHDB would for the world's own data
 * (other test files share the Redis server). One script, so nothing runs between two
 * deletions: a SCAN-and-DEL loop would let a queue add jobs while it runs, leaving job hashes
 * whose lists are gone, a state no flush or restart of Redis produces.
 */
export async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    const deleted = await redis.eval(
      `local n = 0
       for _, key in ipairs(redis.call('KEYS', ARGV[1])) do n = n + redis.call('DEL', key) end
       return n`,
      0,
      `${prefix}:*`,
    );
    return Number(deleted);
  } finally {
    redis.disconnect();
  }
}

export interface Client {
  token: string;
  csrf: string;
  cookie: string;
  user: { id: string; email: string; role: string };
  fetch(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  json<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
}

/** Signs in through the API and returns a bearer-token client. */
export async function login(baseUrl: string, email: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: Client['user'] };
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('heraldo_csrf='))!.split('=')[1]!;
  const client: Client = {
    token: body.token,
    csrf,
    cookie: cookies.join('; '),
    user: body.user,
    fetch: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${body.token}`,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    async json(path, init) {
      const r = await client.fetch(path, init);
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as never };
    },
  };
  return client;
}

export interface LiveClient {
  socket: Socket;
  received: NotificationPayload[];
  /** Resolves once `count` notifications in all have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<NotificationPayload[]>;
  close(): void;
}

export async function connectLive(baseUrl: string, auth: Record<string, unknown>, extraHeaders?: Record<string, string>): Promise<LiveClient> {
  const socket = connect(baseUrl, { auth, transports: ['websocket'], forceNew: true, reconnection: false, ...(extraHeaders ? { extraHeaders } : {}) });
  const received: NotificationPayload[] = [];
  socket.on('notification', (n: NotificationPayload) => received.push(n));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    received,
    waitFor: (count, timeoutMs = 10_000) => waitUntil(() => received.length >= count, timeoutMs, `${count} notifications (have ${received.length})`).then(() => received),
    close: () => socket.disconnect(),
  };
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function departmentIds(prisma: PrismaClient): Promise<Record<string, string>> {
  const rows = await prisma.department.findMany();
  return Object.fromEntries(rows.map((d) => [d.slug, d.id]));
}
