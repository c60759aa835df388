// Property-based input testing of every route of the API (taken from the app's route table):
// whatever the body, query or path, the answer is never a 5xx, an error is always the
// documented JSON shape, and a refused request writes nothing at all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.js';
import { createApp } from '../../server/http/app.js';
import type { Heraldo } from '../../server/heraldo.js';
import { loadTemplates } from '../../server/templates/index.js';
import { PASSWORD, createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';
import { routeTable, type RouteEntry } from '../support/routes.js';

let world: World;
let node: Heraldo;
let routes: RouteEntry[];
let comms: Client;
let alice: Client;
let ids: { dept: string[]; announcement: string; notification: string };

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  routes = routeTable(createApp(node.ctx, await loadTemplates()));
  comms = await login(node.url!, 'comms@heraldo.test');
  alice = await login(node.url!, 'alice@heraldo.test');
  // One published announcement with its notifications, so that valid ids are in play too.
  const worker = await world.start({ HERALDO_SERVICES: 'worker' });
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title: 'Seed', body: 'x', audience: { type: 'all' }, channels: ['in_app'] },
  });
  await waitUntil(async () => (await world.prisma.notification.count({ where: { announcementId: res.body.id } })) > 0);
  await worker.stop();
  const n = await world.prisma.notification.findFirstOrThrow({ where: { announcementId: res.body.id, user: { email: 'alice@heraldo.test' } } });
  ids = { dept: Object.values(await departmentIds(world.prisma)), announcement: res.body.id, notification: n.id.toString() };
});
afterAll(() => world?.close());

// ---- arbitraries ----------------------------------------------------------------------------
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\uffff', '<script>alert(1)</script>', '9'.repeat(19), '9'.repeat(25),
  '-1', '0', '1e309', 'NaN', 'true', 'null', '__proto__', 'constructor', '../../etc/passwd', "' OR 1=1 --", '%00', '%',
  'x'.repeat(300), '2026-13-45T99:99:99Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', 'Europe/Madrid', 'UTC',
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty);
/** Numbers as ids: small ones, and those around the largest Postgres bigint (2^63 - 1). */
const digits = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 2n ** 63n - 3n, max: 10n ** 19n + 3n })).map(String);
const idish = () => fc.oneof(text, fc.uuid(), digits, fc.constantFrom(...ids.dept, ids.announcement, ids.notification));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
}));
/** Mostly a well-typed value (so requests get past validation into the code behind it),
 *  now and then anything at all. */
const or = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: value });
/** Text with something hostile inside: NUL, a lone surrogate, markup, bidi overrides. */
const hostile = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\uffff', '\u202e', '<!channel>', '<b>', '&', '$&', '\r\n'), fc.string({ maxLength: 20 }))
  .map(([a, b, c]) => `x${a}${b}${c}`);
const words = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), hostile, hostile, nasty);
const future = fc.integer({ min: 120, max: 10 ** 9 }).map((s) => new Date(Date.now() + s * 1000).toISOString());
const date = fc.oneof(future, fc.date({ min: new Date('1969-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
const someOf = <T>(list: T[]) => fc.subarray(list, { minLength: 1 });

/** Near-valid bodies for the routes that take one; anything at all for the others. */
const bodies = (): Record<string, fc.Arbitrary<unknown>> => {
  const audience = fc.oneof(fc.constant({ type: 'all' }), fc.record({ type: fc.constant('departments'), departmentIds: fc.oneof(someOf(ids.dept), fc.array(idish(), { maxLength: 3 })) }));
  const nearly = <T>(record: fc.Arbitrary<T>) => fc.oneof({ weight: 9, arbitrary: record }, { weight: 1, arbitrary: value });
  return {
    'POST /api/announcements': nearly(
      fc.record(
        {
          title: or(words),
          body: or(words),
          audience: or(audience),
          channels: or(fc.oneof(someOf(['in_app', 'email', 'slack']), fc.array(fc.constantFrom('in_app', 'fax'), { maxLength: 3 }))),
          priority: or(fc.constantFrom('normal', 'high', 'urgent', 'low')),
          requireAck: or(fc.boolean()),
          scheduledAt: or(fc.oneof(fc.constant(null), date)),
          expiresAt: or(fc.oneof(fc.constant(null), date)),
        },
        { requiredKeys: ['title', 'body', 'audience', 'channels'] },
      ),
    ),
    'PATCH /api/me': nearly(fc.record({ locale: or(fc.constantFrom('en', 'es', 'fr')), timezone: or(fc.oneof(fc.constantFrom('UTC', 'Europe/Madrid'), words)), role: fc.constant('admin') }, { requiredKeys: [] })),
    'POST /api/auth/login': nearly(fc.record({ email: or(fc.oneof(fc.constantFrom('alice@heraldo.test', ' ALICE@heraldo.test '), words)), password: or(fc.oneof(fc.constant(PASSWORD), words)) })),
    'ALL /api/templates/preview': nearly(
      fc.record(
        { channel: or(fc.constantFrom('email', 'slack', 'sms')), title: or(words), body: or(words), priority: or(fc.constantFrom('normal', 'urgent')), requireAck: or(fc.constantFrom(true, 'true', 'no')), departmentIds: or(someOf(ids.dept)), audience: or(audience) },
        { requiredKeys: ['channel', 'title'] },
      ),
    ),
  };
};
const QUERY_KEYS = ['limit', 'before', 'filter', 'department', 'channel', 'title', 'body', 'departmentIds', 'priority', 'requireAck', 'since'];
const query = () => fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(idish(), words)), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString());

// ---- the property ---------------------------------------------------------------------------
/** Everything a request could write. Refused requests must leave it exactly as it was. */
async function snapshot(): Promise<string> {
  const [a, d, s, r, u] = await Promise.all([
    world.prisma.announcement.count(),
    world.prisma.announcementDepartment.count(),
    world.prisma.session.count({ where: { revokedAt: null } }),
    world.prisma.notification.count({ where: { OR: [{ readAt: { not: null } }, { ackAt: { not: null } }] } }),
    world.prisma.user.findMany({ select: { email: true, locale: true, timezone: true, role: true }, orderBy: { email: 'asc' } }),
  ]);
  return JSON.stringify({ a, d, s, r, u });
}

interface Attempt { method: string; path: string; body?: string; contentType?: string; as: Client | null }

async function check(req: Attempt): Promise<void> {
  const before = await snapshot();
  const res = await fetch(`${node.url}${req.path}`, {
    method: req.method,
    headers: {
      ...(req.as ? { authorization: `Bearer ${req.as.token}` } : {}),
      ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
    },
    body: req.body,
  });
  const raw = await res.text();
  const where = `${req.method} ${req.path} ${req.body?.slice(0, 200) ?? ''} → ${res.status} ${raw.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400 && req.path.startsWith('/api')) {
    expect(JSON.parse(raw), where).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  }
  if (res.status >= 300) expect(await snapshot(), `refused, yet wrote: ${where}`).toBe(before);
  if (res.status === 201 && req.path === '/api/announcements') {
    const body = JSON.parse(req.body!) as { audience: { type: string; departmentIds?: string[] } };
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id: JSON.parse(raw).id }, include: { departments: true } });
    expect(a.departments.length, where).toBe(body.audience.type === 'all' ? 0 : new Set(body.audience.departmentIds).size);
  }
}

/** Path with its :params replaced (a lone surrogate cannot be percent-encoded: it goes as U+FFFD). */
const pathFor = (route: RouteEntry, param: string) =>
  route.path.replace(/:\w+/g, () => encodeURIComponent(Buffer.from(param, 'utf8').toString('utf8')));

describe('fuzzing every JSON endpoint', () => {
  // Some 60 routes, a snapshot of the database before and after each request: minutes on a
  // loaded machine. The bound is for a hang, not for speed.
  it('never answers 5xx and never half-writes, whatever the body, query or path', { timeout: 600_000 }, async () => {
    const custom = bodies();
    const fuzzed = new Set<string>();
    for (const route of routes) {
      if (route.path === '/{*path}') continue; // the web client's pages, not JSON
      fuzzed.add(route.key);
      const methods = route.method === 'ALL' ? ['GET', 'POST'] : [route.method];
      // Logging out ends the session it is called with: give each run its own.
      const logout = route.key === 'POST /api/auth/logout';
      for (const method of methods) {
        const body = method === 'GET' ? fc.constant(undefined) : (custom[route.key] ?? value).map((b) => JSON.stringify(b));
        const param = route.path.includes(':') ? fc.oneof(idish(), fc.constantFrom(ids.announcement, ids.notification)) : fc.constant('');
        const who = fc.constantFrom('comms', 'comms', 'alice', 'anonymous');
        await fc.assert(
          fc.asyncProperty(param, query(), body, who, async (p, q, b, name) => {
            const as = name === 'comms' ? comms : name === 'alice' ? alice : null;
            const self = logout && as ? { ...as, token: (await createSession(world.prisma, as.user.id, 60_000)).token } : as;
            await check({ method, path: `${pathFor(route, p)}${method === 'GET' && q ? `?${q}` : ''}`, body: b, as: self });
          }),
          { numRuns: logout ? 10 : custom[route.key] ? 120 : 25, endOnFailure: true },
        );
      }
    }
    expect(fuzzed.size).toBeGreaterThan(15);
  });

  it('refuses malformed, mistyped and oversized bodies with 4xx', { timeout: 30_000 }, async () => {
    const writes = routes.filter((r) => r.method !== 'GET' && r.key !== 'POST /api/auth/logout');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('{', '[1,', '{"a":1}}', 'null', '"x"', '\u0000')), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (route, raw, type) => {
        await check({ method: route.method === 'ALL' ? 'POST' : route.method, path: pathFor(route, ids.announcement), body: raw, contentType: type, as: comms });
      }),
      { numRuns: 100 },
    );
    const huge = JSON.stringify({ title: 'x', body: 'y'.repeat(300_000), audience: { type: 'all' }, channels: ['in_app'] });
    await check({ method: 'POST', path: '/api/announcements', body: huge, as: comms });
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    await check({ method: 'POST', path: '/api/announcements', body: deep, as: comms });
  });

  it('refuses the inputs that once made it fail with 4xx (regression corpus)', { timeout: 15_000 }, async () => {
    const valid = { title: 'T', body: 'B', audience: { type: 'all' }, channels: ['in_app'] };
    const post = (body: unknown) => ({ method: 'POST', path: '/api/announcements', body: JSON.stringify(body), as: comms });
    const corpus: Attempt[] = [
      post({ ...valid, title: 'a\u0000b' }), // Postgres text cannot hold NUL
      post({ ...valid, body: 'x\u0000' }),
      { method: 'GET', path: '/api/inbox?department=%00', as: alice },
      { method: 'GET', path: `/api/inbox?before=${2n ** 63n}`, as: alice }, // past the largest bigint
      { method: 'GET', path: '/api/inbox?before=9999999999999999999', as: alice },
      { method: 'POST', path: `/api/inbox/${2n ** 63n}/read`, as: alice },
      { method: 'POST', path: '/api/inbox/9999999999999999999/ack', as: alice },
    ];
    for (const attempt of corpus) await check(attempt);
  });

  it('accepts every time zone name Intl accepts, and refuses the rest by field', { timeout: 15_000 }, async () => {
    const bob = await login(node.url!, 'bob@heraldo.test');
    try {
      for (const [sent, stored] of [['Europe/Kyiv', 'Europe/Kyiv'], ['Etc/GMT+5', 'Etc/GMT+5'], ['US/Pacific', 'US/Pacific'], ['america/new_york', 'America/New_York']]) {
        const res = await bob.json<{ timezone: string }>('/api/me', { method: 'PATCH', body: { timezone: sent } });
        expect(res.status, sent).toBe(200);
        expect(res.body.timezone).toBe(stored);
      }
      for (const bad of ['Mars/Olympus_Mons', '+05:00', '', 'Europe/Madrid\u0000']) {
        const res = await bob.json<{ error: { fields: Record<string, string> } }>('/api/me', { method: 'PATCH', body: { timezone: bad } });
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(res.body.error.fields).toEqual({ timezone: 'Unknown time zone' });
      }
    } finally {
      await bob.fetch('/api/me', { method: 'PATCH', body: { timezone: 'Europe/Madrid' } });
    }
  });

  it('still works after all that', { timeout: 15_000 }, async () => {
    const redis = new Redis(world.config().redisUrl);
    await redis.del(`${world.prefix}:login:ip:127.0.0.1`, `${world.prefix}:login:ip:::ffff:127.0.0.1`);
    redis.disconnect();
    expect((await fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bob@heraldo.test', password: PASSWORD }) })).status).toBe(200);
    expect((await comms.json('/api/me')).status).toBe(200);
    expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
  });
});

describe('requests that Express, its router or body-parser refuse', () => {
  /** The same app, logging into memory, so the test can see what an attacker would write. */
  async function capturing() {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const server = createServer(createApp({ ...node.ctx, logger }, await loadTemplates()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, lines, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('answers 4xx with a code, and logs no error, for malformed paths, charsets and encodings', { timeout: 60_000 }, async () => {
    const app = await capturing();
    const seen: string[] = [];
    const send = async (method: string, path: string, init: { headers?: Record<string, string>; body?: Uint8Array | string; as?: Client | null } = {}) => {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { ...(init.as ? { authorization: `Bearer ${init.as.token}` } : {}), ...init.headers },
        body: init.body as BodyInit | undefined,
      });
      const raw = await res.text();
      const where = `${method} ${path} ${JSON.stringify(init.headers ?? {})} → ${res.status} ${raw.slice(0, 160)}`;
      seen.push(where);
      expect(res.status, where).toBeGreaterThanOrEqual(400);
      expect(res.status, where).toBeLessThan(500);
      // SCIM answers in its own error schema; every /api route in ours, with a code.
      if (path.startsWith('/api')) expect(JSON.parse(raw), where).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
    };
    try {
      // Not valid percent-encoding (or not UTF-8 once decoded), where a route takes a parameter.
      const malformed = ['%E0', '%zz', '%', '%C3%28', '%ED%A0%80', 'a%2', '%FF%FE'];
      for (const route of routes.filter((r) => r.path.includes(':'))) {
        for (const method of route.method === 'ALL' ? ['GET', 'POST'] : [route.method]) {
          for (const bad of malformed) {
            for (const as of [null, alice, comms]) await send(method, route.path.replace(/:\w+/g, bad), { as });
          }
        }
      }
      await send('GET', '/api/announcements/%E0/stats'); // the issue's own example, signed out
      // JSON declared in a charset other than UTF-8.
      const json = JSON.stringify({ email: 'alice@heraldo.test', password: 'x' });
      for (const charset of ['latin1', 'iso-8859-1', 'koi8-r', 'nonsense', 'ascii']) {
        await send('POST', '/api/auth/login', { headers: { 'content-type': `application/json; charset=${charset}` }, body: json });
        await send('PATCH', '/api/me', { headers: { 'content-type': `application/json; charset=${charset}` }, body: '{}', as: alice });
      }
      // A body that is not what its Content-Encoding says, or an encoding nobody supports.
      for (const encoding of ['gzip', 'x-gzip', 'br', 'deflate', 'compress', 'zstd', 'gzip, br', 'identity, gzip', 'nonsense']) {
        for (const body of [json, new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff]), '']) {
          await send('POST', '/api/auth/login', { headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
        }
        await send('POST', '/api/announcements', { headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: '{"title":"x"}', as: comms });
      }
      const errors = app.lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
      expect(errors, 'error-level log lines').toEqual([]);
      expect(app.lines.join('\n')).not.toContain('"stack"');
      expect(seen.length).toBeGreaterThan(100);
    } finally {
      await app.close();
    }
  });
});
