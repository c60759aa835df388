// No secret or token is ever written to the logs. A real Heraldo process, logging at `trace`,
// goes through sign-ins (good and bad), bearer, cookie and CSRF use, publishing to email and
// Slack (rate limited once), sockets and logout; then its whole output is searched.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createWorld, departmentIds, login, waitUntil, type World } from '../support/harness.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { spawnHeraldo, type HeraldoProcess } from '../support/processes.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { io as connect } from 'socket.io-client';

const SESSION_SECRET = `session-secret-${randomBytes(8).toString('hex')}`;
const DB_PASSWORD = `db-secret-${randomBytes(8).toString('hex')}`;
const WRONG_PASSWORD = `wrong-password-${randomBytes(8).toString('hex')}`;
const SLACK_TOKEN = 'xoxb-test'; // the only one the fake accepts

let world: World;
let node: HeraldoProcess;
let smtp: SmtpSink;
let slack: FakeSlack;

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  world = await createWorld();
  const db = new URL(world.databaseUrl);
  db.password = DB_PASSWORD; // trust authentication: accepted, and must never be printed
  node = await spawnHeraldo({
    HERALDO_SERVICES: 'all',
    LOG_LEVEL: 'trace',
    DATABASE_URL: db.toString(),
    REDIS_URL: world.config().redisUrl,
    HERALDO_REDIS_PREFIX: world.prefix,
    SESSION_SECRET,
    SMTP_URL: smtp.url,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_API_URL: slack.url,
  });
});
afterAll(async () => {
  await node?.kill('SIGTERM');
  await world?.close();
  await smtp?.stop();
  await slack?.stop();
});

describe('logs', () => {
  it('never contain a password, token, cookie, CSRF token or configured secret', { timeout: 60_000 }, async () => {
    const url = node.url!;
    const secrets = new Set([SESSION_SECRET, DB_PASSWORD, WRONG_PASSWORD, PASSWORD, SLACK_TOKEN]);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    expect((await post('/api/auth/login', { email: 'alice@heraldo.test', password: WRONG_PASSWORD })).status).toBe(401);
    for (let i = 0; i < 10; i++) await post('/api/auth/login', { email: 'dan@heraldo.test', password: WRONG_PASSWORD });
    expect((await post('/api/auth/login', { email: 'dan@heraldo.test', password: PASSWORD })).status).toBe(429);
    const comms = await login(url, 'comms@heraldo.test');
    const alice = await login(url, 'alice@heraldo.test');
    for (const c of [comms, alice]) for (const s of [c.token, c.csrf]) secrets.add(s);

    // Bearer, cookie with and without the CSRF token, a token that is not one.
    expect((await alice.fetch('/api/me')).status).toBe(200);
    const cookieWrite = (csrf: string) =>
      fetch(`${url}/api/me`, { method: 'PATCH', headers: { cookie: alice.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{"locale":"es"}' });
    expect((await cookieWrite(alice.csrf)).status).toBe(200);
    expect((await cookieWrite(comms.csrf)).status).toBe(403);
    const forged = `forged-${randomBytes(16).toString('hex')}`;
    secrets.add(forged);
    expect((await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await fetch(`${url}/api/me?token=${alice.token}`, { headers: { cookie: `heraldo_session=${forged}` } })).status).toBe(401);
    // A token in the query under any name at all (Heraldo takes none there): `?auth=`, `?t=`,
    // names nobody would think to redact, and in a path that does not exist.
    for (let i = 0; i < 12; i++) {
      const name = i < 3 ? ['auth', 'key', 't'][i]! : randomBytes(1 + (i % 6)).toString('base64url');
      const leak = `query-secret-${randomBytes(12).toString('hex')}`;
      secrets.add(leak);
      const path = i % 3 === 0 ? '/api/nope' : i % 3 === 1 ? '/api/inbox' : '/api/me';
      const res = await fetch(`${url}${path}?limit=5&${encodeURIComponent(name)}=${leak}&x=${i}`, { headers: { authorization: `Bearer ${alice.token}` } });
      expect(res.status, `${path}?${name}=`).toBeLessThan(500);
      await res.arrayBuffer();
    }

    // Sockets: with a token, with the cookie, with a bad one.
    for (const opts of [{ auth: { token: alice.token, since: '0' } }, { extraHeaders: { cookie: alice.cookie } }, { auth: { token: forged } }]) {
      const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...opts });
      await new Promise<void>((resolve) => {
        s.once('connect', () => resolve());
        s.once('connect_error', () => resolve());
      });
      s.close();
    }

    // Publishing to every channel, Slack making us wait once.
    slack.rateLimit(1, 1);
    const sales = (await departmentIds(world.prisma)).sales!;
    const res = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title: 'Logs', body: 'Hello', audience: { type: 'departments', departmentIds: [sales] }, channels: ['in_app', 'email', 'slack'] },
    });
    expect(res.status).toBe(201);
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: res.body.id, status: 'sent' } })) === 2, 20_000);
    expect((await alice.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    await node.kill('SIGTERM'); // and its shutdown logs

    const logs = node.output();
    expect(logs).toContain('signed in'); // it did log, at trace level
    expect(logs.split('\n').length).toBeGreaterThan(40);
    const leaks = [...secrets].filter((s) => logs.includes(s) || logs.includes(encodeURIComponent(s)));
    expect(leaks.map((s) => `${s.slice(0, 12)}… at: ${logs.slice(Math.max(0, logs.indexOf(s) - 150), logs.indexOf(s) + 20)}`)).toEqual([]);
    // Requests are still logged, with what an operator needs and no query string at all.
    const lines = logs.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.req !== undefined && l.res !== undefined);
    const refused = requests.find((l) => (l.req as { path: string }).path === '/api/me' && (l.res as { statusCode: number }).statusCode === 401)!;
    expect(refused).toMatchObject({ level: 30, req: { method: 'GET', path: '/api/me', id: expect.any(String) }, res: { statusCode: 401 }, route: '/api/me', responseTime: expect.any(Number) });
    const signedIn = requests.find((l) => (l.req as { path: string }).path === '/api/inbox')!;
    expect(signedIn).toMatchObject({ route: '/api/inbox', userId: alice.user.id });
    for (const l of requests) {
      expect(Object.keys(l.req as object).sort()).toEqual(['id', 'method', 'path']);
      expect(Object.keys(l.res as object)).toEqual(['statusCode']);
    }
    expect(logs).not.toMatch(/[?&]limit=5/);
  });
});
