// The admin queue dashboard (bull-board at /admin/queues): only admins, behind Heraldo's
// session and Content Security Policy; it lists every queue and retries a failed job, and its
// cookie-authenticated writes need the CSRF token.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES, bullPrefix } from '../../server/delivery/queues.js';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, login, waitUntil, type Client, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let admin: Client;
let comms: Client;

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  admin = await login(node.url!, 'admin@heraldo.test');
  comms = await login(node.url!, 'comms@heraldo.test');
});
afterAll(() => world?.close());

/** A browser's request: the session cookie, no bearer token. */
function asBrowser(client: Client, path: string, init: { method?: string; headers?: Record<string, string>; cookie?: string } = {}) {
  return fetch(`${node.url}${path}`, { method: init.method ?? 'GET', headers: { cookie: init.cookie ?? client.cookie, ...init.headers }, redirect: 'manual' });
}

describe('queue dashboard', () => {
  it('is for admins only: 401 signed out, 403 for everyone else', async () => {
    expect((await fetch(`${node.url}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${node.url}/admin/queues/api/queues`)).status).toBe(401);
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await comms.fetch(path);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Only admins see the queues' } });
    }
  });

  it("serves the page under Heraldo's Content Security Policy, its scripts from our origin", async () => {
    const res = await asBrowser(admin, '/admin/queues');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await res.text();
    expect(html).toContain('<base href="/admin/queues/"');
    // Every script the page loads is a file of ours, and answers.
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect((await asBrowser(admin, `/admin/queues/${src}`)).status, src).toBe(200);
    }
    // The cookie its client turns into the X-XSRF-TOKEN header, scoped to the dashboard.
    const xsrf = res.headers.getSetCookie().find((c) => c.startsWith('XSRF-TOKEN='));
    expect(xsrf).toMatch(new RegExp(`^XSRF-TOKEN=${admin.csrf};.*Path=/admin/queues`));
  });

  it('lists every queue, and retries a failed job (with the CSRF token, not without)', { timeout: 30_000 }, async () => {
    const queues = (await (await admin.fetch('/admin/queues/api/queues')).json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());

    // A job that fails for good (one attempt), taken by a worker of the test's own.
    const job = await node.ctx.queues.email.add('email', { batch: 'dashboard-test' }, { jobId: 'dashboard-test', attempts: 1 });
    const connection = new Redis(node.ctx.config.redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker('email', async () => {
      throw new Error('refused on purpose');
    }, { connection, prefix: bullPrefix(node.ctx.config.redisPrefix) });
    await waitUntil(async () => (await job.getState()) === 'failed', 15_000, 'the job to fail');
    await worker.close();
    connection.disconnect();
    const listed = (await (await admin.fetch('/admin/queues/api/queues?activeQueue=email&status=failed')).json()) as {
      queues: { name: string; counts: { failed: number }; jobs: { id: string; failedReason: string }[] }[];
    };
    const email = listed.queues.find((q) => q.name === 'email')!;
    expect(email.counts.failed).toBe(1);
    expect(email.jobs).toEqual([expect.objectContaining({ id: 'dashboard-test', failedReason: 'refused on purpose' })]);

    const retry = '/admin/queues/api/queues/email/dashboard-test/retry';
    const withoutToken = await asBrowser(admin, retry, { method: 'PUT' });
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    expect(await job.getState()).toBe('failed');

    const page = await asBrowser(admin, '/admin/queues');
    const xsrf = page.headers.getSetCookie().find((c) => c.startsWith('XSRF-TOKEN='))!.split(';')[0]!;
    const retried = await asBrowser(admin, retry, { method: 'PUT', cookie: `${admin.cookie}; ${xsrf}`, headers: { 'x-xsrf-token': xsrf.split('=')[1]! } });
    expect(retried.status).toBe(204);
    expect(await node.ctx.queues.email.getJobState('dashboard-test')).toBe('waiting');
  });
});
