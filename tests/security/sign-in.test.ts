// Sign-in hardening: failed attempts are limited and locked out in Redis, so two api nodes (or a
// restarted one) enforce one limit, and parallel guesses get no more tries than serial ones;
// session cookies carry the right flags; cookie-authenticated writes need the CSRF token; every
// response carries a strict Content Security Policy.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import type { Heraldo } from '../../server/heraldo.js';
import { loadTemplates } from '../../server/templates/index.js';
import { PASSWORD, createWorld, login, type World } from '../support/harness.js';
import { routeTable } from '../support/routes.js';

let world: World;
let nodeA: Heraldo;
let nodeB: Heraldo;
let redis: Redis;

beforeAll(async () => {
  world = await createWorld();
  nodeA = await world.start({ HERALDO_SERVICES: 'api' });
  nodeB = await world.start({ HERALDO_SERVICES: 'api' });
  redis = new Redis(world.config().redisUrl);
});
/** Each test starts with a clean slate for the test runner's own address. */
afterEach(async () => {
  const keys = await redis.keys(`${world.prefix}:login:ip:*`);
  if (keys.length) await redis.del(...keys);
});
afterAll(async () => {
  redis?.disconnect();
  await world?.close();
});

const attempt = (node: Heraldo, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

describe('login rate limit and lockout', () => {
  it('counts failures on every api node together, and outlives a node restart', { timeout: 15_000 }, async () => {
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? nodeA : nodeB, 'carol@heraldo.test', `guess-${i}`)).status).toBe(401);
    for (const node of [nodeA, nodeB]) {
      const locked = await attempt(node, 'Carol@Heraldo.test ', PASSWORD); // the right password, any spelling
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect((await locked.json()).error.code).toBe('too_many_attempts');
    }
    const key = `${world.prefix}:login:email:carol@heraldo.test`;
    expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(10);
    expect(await redis.ttl(key)).toBeGreaterThan(800);
    await nodeA.stop();
    nodeA = await world.start({ HERALDO_SERVICES: 'api' });
    expect((await attempt(nodeA, 'carol@heraldo.test', PASSWORD)).status).toBe(429);
  });

  it('gives parallel guesses no more tries than serial ones', { timeout: 15_000 }, async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, 'dan@heraldo.test', `parallel-${i}`)));
    const checked = replies.filter((r) => r.status === 401).length;
    expect(replies.filter((r) => r.status === 429).length).toBe(30 - checked);
    expect(checked, 'passwords actually checked').toBeLessThanOrEqual(10);
  });

  it('clears the count on success, and locks out an address trying many accounts', { timeout: 15_000 }, async () => {
    for (let i = 0; i < 9; i++) await attempt(nodeA, 'bob@heraldo.test', 'nope');
    expect((await attempt(nodeB, 'bob@heraldo.test', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await attempt(nodeA, 'bob@heraldo.test', 'nope')).status).toBe(401);
    // One address, many accounts: after 50 failures from it, even a right password waits.
    await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, `nobody${i}@heraldo.test`, 'x')));
    expect((await attempt(nodeB, 'alice@heraldo.test', PASSWORD)).status).toBe(429);
  });
});

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Lax, host-only, and Secure behind https', { timeout: 15_000 }, async () => {
    const secure = await world.start({ HERALDO_SERVICES: 'api', PUBLIC_URL: 'https://heraldo.example.com' });
    for (const [node, https] of [[nodeA, false], [secure, true]] as const) {
      const res = await attempt(node, 'alice@heraldo.test', PASSWORD);
      expect(res.status).toBe(200);
      const cookies = res.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('heraldo_session='))!;
      const csrf = cookies.find((c) => c.startsWith('heraldo_csrf='))!;
      for (const c of [session, csrf]) {
        expect(c).toMatch(/;\s*Path=\/(;|$)/i);
        expect(c).toMatch(/;\s*SameSite=Lax/i);
        expect(c).not.toMatch(/;\s*Domain=/i);
        expect(c).toMatch(/;\s*Expires=/i);
        expect(/;\s*Secure/i.test(c)).toBe(https);
      }
      expect(session).toMatch(/;\s*HttpOnly/i);
      expect(csrf).not.toMatch(/HttpOnly/i); // the page reads it to send it back
    }
    await secure.stop();
  });

  it('are cleared on logout', { timeout: 15_000 }, async () => {
    const alice = await login(nodeA.url!, 'alice@heraldo.test');
    const res = await fetch(`${nodeA.url}/api/auth/logout`, { method: 'POST', headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf } });
    expect(res.status).toBe(204);
    const cleared = res.headers.getSetCookie();
    expect(cleared.find((c) => c.startsWith('heraldo_session=;'))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await fetch(`${nodeA.url}/api/me`, { headers: { cookie: alice.cookie } })).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses every cookie-authenticated write without the token, or with another session\'s', { timeout: 15_000 }, async () => {
    const routes = routeTable(createApp(nodeA.ctx, await loadTemplates()));
    const writes = routes.filter((r) => r.method !== 'GET').flatMap((r) => (r.method === 'ALL' ? [{ ...r, method: 'POST' }] : [r]));
    expect(writes.length).toBeGreaterThan(6);
    const alice = await login(nodeA.url!, 'alice@heraldo.test');
    const other = await login(nodeA.url!, 'alice@heraldo.test');
    const before = await world.prisma.session.count({ where: { revokedAt: null } });
    for (const route of writes) {
      const path = route.path.replace(':id', '1');
      for (const token of [undefined, '', other.csrf, alice.csrf.slice(1), 'x'.repeat(alice.csrf.length)]) {
        for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
          const res = await fetch(`${nodeB.url}${path}`, {
            method: route.method,
            headers: { cookie: alice.cookie, 'content-type': type, origin: 'https://evil.example', ...(token !== undefined ? { 'x-csrf-token': token } : {}) },
            body: type === 'application/json' ? '{"locale":"es"}' : 'locale=es',
          });
          expect(res.status, `${route.key} with ${JSON.stringify(token)} as ${type}`).toBe(403);
          expect((await res.json()).error.code).toBe('csrf_failed');
          expect(res.headers.get('access-control-allow-origin')).toBeNull();
        }
      }
    }
    expect(await world.prisma.session.count({ where: { revokedAt: null } })).toBe(before);
    expect((await world.prisma.user.findUniqueOrThrow({ where: { email: 'alice@heraldo.test' } })).locale).toBe('en');
    // With the token, the same write goes through; with a bearer token none is needed.
    const ok = await fetch(`${nodeB.url}/api/me`, { method: 'PATCH', headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrf, 'content-type': 'application/json' }, body: '{"timezone":"UTC"}' });
    expect(ok.status).toBe(200);
    expect((await alice.fetch('/api/me', { method: 'PATCH', body: { timezone: 'UTC' } })).status).toBe(200);
  });
});

describe('Content Security Policy', () => {
  it('is strict on the API, the web client and errors alike', { timeout: 15_000 }, async () => {
    for (const path of ['/api/me', '/healthz', '/inbox', '/', '/api/nope', '/assets/missing.js']) {
      const res = await fetch(`${nodeA.url}${path}`);
      const csp = Object.fromEntries(
        (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
      ) as Record<string, string[]>;
      expect(csp['default-src'], path).toEqual(["'self'"]);
      expect(csp['script-src'], path).toEqual(["'self'"]); // no inline script, no eval, no CDN
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['form-action']).toEqual(["'self'"]);
      for (const [name, values] of Object.entries(csp)) {
        // Nothing inline (scripts, style attributes or elements), no eval, no wildcard host, no plain http.
        for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:']) expect(values, name).not.toContain(loose);
      }
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      await res.arrayBuffer();
    }
  });
});
