import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, login, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let url: string;

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  url = node.url!;
});
afterAll(() => world.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('sign-in', () => {
  it('returns a token, the user, an httpOnly session cookie and a CSRF cookie', async () => {
    const res = await post('/api/auth/login', { email: 'Alice@heraldo.test', password: PASSWORD });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({ email: 'alice@heraldo.test', role: 'employee', departments: [{ slug: 'it', isManager: false }] });
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('heraldo_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('heraldo_csrf='))).not.toMatch(/HttpOnly/i);
  });

  it('refuses a wrong password and an unknown email alike, with 401', async () => {
    for (const email of ['alice@heraldo.test', 'nobody@heraldo.test']) {
      const res = await post('/api/auth/login', { email, password: 'wrong' });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('invalid_credentials');
    }
  });

  it('names the field at fault when the body is malformed', async () => {
    const res = await post('/api/auth/login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.fields).sort()).toEqual(['email', 'password']);
    const bad = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_json');
  });

  it('locks an email out after repeated failures (429 with Retry-After)', async () => {
    for (let i = 0; i < 10; i++) await post('/api/auth/login', { email: 'carol@heraldo.test', password: 'nope' });
    const res = await post('/api/auth/login', { email: 'carol@heraldo.test', password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('accepts the bearer token and the cookie; refuses neither', async () => {
    const alice = await login(url, 'alice@heraldo.test');
    expect((await alice.json('/api/me')).body).toMatchObject({ email: 'alice@heraldo.test', departments: [{ slug: 'it' }] });
    const viaCookie = await fetch(`${url}/api/me`, { headers: { cookie: alice.cookie } });
    expect(viaCookie.status).toBe(200);
    expect((await fetch(`${url}/api/me`)).status).toBe(401);
    expect((await fetch(`${url}/api/me`, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });

  it('requires the CSRF header for cookie-authenticated writes', async () => {
    const alice = await login(url, 'alice@heraldo.test');
    const without = await fetch(`${url}/api/me`, { method: 'PATCH', headers: { cookie: alice.cookie, 'content-type': 'application/json' }, body: '{"locale":"es"}' });
    expect(without.status).toBe(403);
    expect((await without.json()).error.code).toBe('csrf_failed');
    const withIt = await fetch(`${url}/api/me`, {
      method: 'PATCH',
      headers: { cookie: alice.cookie, 'content-type': 'application/json', 'x-csrf-token': alice.csrf },
      body: '{"locale":"es"}',
    });
    expect(withIt.status).toBe(200);
    expect((await withIt.json()).locale).toBe('es');
  });

  it('logout revokes the token', async () => {
    const bob = await login(url, 'bob@heraldo.test');
    expect((await bob.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await bob.fetch('/api/me')).status).toBe(401);
  });

  it('lists departments to any signed-in user', async () => {
    const dan = await login(url, 'dan@heraldo.test');
    const { body } = await dan.json<{ slug: string }[]>('/api/departments');
    expect(body.map((d) => d.slug)).toEqual(['comms', 'finance', 'hr', 'it', 'sales']);
  });
});

describe('health', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('heraldo_connected_sockets');
    expect(metrics).toContain('heraldo_fanout_duration_seconds');
  });

  it('sets security headers', async () => {
    const res = await fetch(`${url}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    // Images only from this site (and data:) unless IMAGE_HOSTS names more: none here.
    expect(csp).toContain("img-src 'self' data:;");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
