// Sign-in hardening: failed attempts are limited in Redis, so two api nodes (or a restarted
// one) enforce one limit, and parallel guesses get no more tries than serial ones; an attacker
// cannot lock the owner out of a source they signed in from, only slow down guessing;
// session cookies carry the right flags; cookie-authenticated writes need the CSRF token; every
// response carries a strict Content Security Policy.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/auth/login-limit.js';
import { createApp } from '../../server/http/app.js';
import type { Heraldo } from '../../server/heraldo.js';
import { loadTemplates } from '../../server/templates/index.js';
import { PASSWORD, createWorld, login, sleep, type World } from '../support/harness.js';
import { routeTable } from '../support/routes.js';

let world: World;
let nodeA: Heraldo;
let nodeB: Heraldo;
let redis: Redis;

beforeAll(async () => {
  world = await createWorld();
  // Behind a proxy on this machine: tests tell the address each sign-in comes from.
  nodeA = await world.start({ HERALDO_SERVICES: 'api', TRUST_PROXY: 'loopback' });
  nodeB = await world.start({ HERALDO_SERVICES: 'api', TRUST_PROXY: 'loopback' });
  redis = new Redis(world.config().redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await world?.close();
});

const attempt = (node: Heraldo, email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });

/** A sign-in from this address (the nodes trust the loopback proxy's X-Forwarded-For). */
const from = (ip: string, cookie?: string) => ({ 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) });
const deviceCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('heraldo_device='))!.split(';')[0]!;

describe('sign-in limits', () => {
  it('counts failures from unknown sources on every api node together, and outlives a node restart', { timeout: 45_000 }, async () => {
    for (let i = 0; i < LIMITS.accountFailures; i++) {
      expect((await attempt(i % 2 ? nodeA : nodeB, 'carol@heraldo.test', `guess-${i}`, from(`198.51.100.${i + 1}`))).status).toBe(401);
    }
    for (const node of [nodeA, nodeB]) {
      const locked = await attempt(node, 'Carol@Heraldo.test ', PASSWORD, from('198.51.100.77')); // the right password, any spelling
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect((await locked.json()).error.code).toBe('too_many_attempts');
    }
    const key = `${world.prefix}:login:email:carol@heraldo.test`;
    expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(LIMITS.accountFailures);
    expect(await redis.ttl(key)).toBeGreaterThan(800);
    await nodeA.stop();
    nodeA = await world.start({ HERALDO_SERVICES: 'api', TRUST_PROXY: 'loopback' });
    expect((await attempt(nodeA, 'carol@heraldo.test', PASSWORD, from('198.51.100.78'))).status).toBe(429);
  });

  it('keeps an attacker\'s failures from locking the owner out of the places they sign in from', { timeout: 45_000 }, async () => {
    const office = '203.0.113.5';
    const browser = await attempt(nodeA, 'dan@heraldo.test', PASSWORD, from('203.0.113.6'));
    expect(browser.status).toBe(200);
    const device = deviceCookie(browser);
    expect((await attempt(nodeB, 'dan@heraldo.test', PASSWORD, from(office))).status).toBe(200);
    // Forty wrong passwords from forty addresses: ten are checked, then unknown sources wait.
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, 'dan@heraldo.test', `attack-${i}`, from(`192.0.2.${i + 1}`))));
    expect(replies.filter((r) => r.status === 401).length).toBeLessThanOrEqual(LIMITS.accountFailures);
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(40 - LIMITS.accountFailures);
    expect((await attempt(nodeA, 'dan@heraldo.test', PASSWORD, from('192.0.2.200'))).status).toBe(429);
    // The owner: from the office address, and from their browser wherever it is now.
    expect((await attempt(nodeA, 'dan@heraldo.test', PASSWORD, from(office))).status).toBe(200);
    expect((await attempt(nodeB, 'dan@heraldo.test', PASSWORD, from('192.0.2.250', device))).status).toBe(200);
    // A device cookie someone made up is no known source.
    const forged = `${device.split('.')[0]}.AAAA${device.split('.')[1]!.slice(4)}`;
    expect((await attempt(nodeB, 'dan@heraldo.test', PASSWORD, from('192.0.2.251', forged))).status).toBe(429);
  });

  it('makes a known source that keeps failing wait longer each time, and never locks it out', { timeout: 45_000 }, async () => {
    const home = from('203.0.113.9');
    expect((await attempt(nodeA, 'bob@heraldo.test', PASSWORD, home)).status).toBe(200);
    for (let i = 0; i <= LIMITS.freeFailures; i++) expect((await attempt(i % 2 ? nodeA : nodeB, 'bob@heraldo.test', `typo-${i}`, home)).status).toBe(401);
    const first = await attempt(nodeA, 'bob@heraldo.test', PASSWORD, home);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await sleep(1_100);
    expect((await attempt(nodeB, 'bob@heraldo.test', 'typo-again', home)).status).toBe(401);
    const second = await attempt(nodeA, 'bob@heraldo.test', PASSWORD, home);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    await sleep(2_100);
    expect((await attempt(nodeB, 'bob@heraldo.test', PASSWORD, home)).status).toBe(200);
    // Signed in: the count starts over.
    expect((await attempt(nodeA, 'bob@heraldo.test', 'typo-after', home)).status).toBe(401);
    expect((await attempt(nodeA, 'bob@heraldo.test', PASSWORD, home)).status).toBe(200);
  });

  it('gives parallel guesses no more tries than serial ones, from known and unknown sources', { timeout: 45_000 }, async () => {
    const unknown = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, 'hr.manager@heraldo.test', `parallel-${i}`, from(`192.0.2.${100 + i}`))));
    expect(unknown.filter((r) => r.status === 401).length, 'passwords checked').toBeLessThanOrEqual(LIMITS.accountFailures);
    expect(unknown.filter((r) => r.status !== 401).every((r) => r.status === 429)).toBe(true);
    const desk = from('203.0.113.20');
    expect((await attempt(nodeA, 'it.manager@heraldo.test', PASSWORD, desk)).status).toBe(200);
    const known = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, 'it.manager@heraldo.test', `parallel-${i}`, desk)));
    expect(known.filter((r) => r.status === 401).length, 'passwords checked').toBeLessThanOrEqual(LIMITS.freeFailures + 1);
  });

  it('makes one address trying many accounts wait, except for the accounts it is known to', { timeout: 45_000 }, async () => {
    const proxy = from('203.0.113.30'); // an office behind one address
    expect((await attempt(nodeA, 'alice@heraldo.test', PASSWORD, proxy)).status).toBe(200);
    await Promise.all(Array.from({ length: LIMITS.addressFailures + 10 }, (_, i) => attempt(i % 2 ? nodeA : nodeB, `nobody${i}@heraldo.test`, 'x', proxy)));
    expect((await attempt(nodeB, 'admin@heraldo.test', PASSWORD, proxy)).status).toBe(429);
    expect((await attempt(nodeB, 'alice@heraldo.test', PASSWORD, proxy)).status).toBe(200);
    expect((await attempt(nodeB, 'admin@heraldo.test', PASSWORD, from('203.0.113.31'))).status).toBe(200);
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
  it('refuses every cookie-authenticated write without the token, or with another session\'s', { timeout: 90_000 }, async () => {
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
