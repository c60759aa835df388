// Postgres connections cut (pg_terminate_backend) while announcements are being published and
// sent: requests fail with 503 and a clear error, nothing is half-written, the service recovers
// by itself (the pools reconnect) without a restart, and every recipient gets each
// announcement in the inbox and by email (at least once; see the duplicate note below).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let api: Heraldo;
let admin: pg.Client;
let comms: Client;
let database: string;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url });
  api = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
  comms = await login(api.url!, 'comms@heraldo.test');
  const url = new URL(world.databaseUrl);
  database = url.pathname.slice(1);
  url.pathname = '/postgres';
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await world?.close();
  await smtp?.stop();
});

/** Terminates every connection to the test's database (the api's, the workers', the test's). */
async function cutAll(): Promise<number> {
  const r = await admin.query<{ n: string }>(
    'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return Number(r.rows[0]!.n);
}

type Reply = { title: string; status: number; body: { id?: string; error?: { code: string; message: string } }; retryAfter: string | null };

async function publish(title: string, departments: string[]): Promise<Reply> {
  const res = await comms.fetch('/api/announcements', {
    method: 'POST',
    body: { title, body: `About ${title}`, audience: { type: 'departments', departmentIds: departments }, channels: ['in_app', 'email'], priority: 'normal' },
  });
  return { title, status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

describe('Postgres connections cut during publishing', () => {
  it('answers 503 with a clear error, writes all or nothing, and recovers by itself', { timeout: 60_000 }, async () => {
    const dept = Object.values(await departmentIds(world.prisma));
    const run = Date.now().toString(36);
    let storm = true;
    let cuts = 0;
    // Cut every connection over and over, with gaps short enough that transactions are cut
    // between their statements and long enough that some requests get through.
    const killer = (async () => {
      for (let i = 0; storm; i++) {
        cuts += await cutAll();
        await sleep(i % 4 === 0 ? 1 : 30);
      }
    })();
    const replies: Reply[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = 0; i < 15; i++) replies.push(await publish(`cut-${run}-${lane}-${i}`, dept));
      }),
    );
    storm = false;
    await killer;
    const by = (status: number) => replies.filter((r) => r.status === status);
    console.info(`${cuts} connections cut; ${by(201).length} published, ${by(503).length} refused with 503`);

    // Only two outcomes: published, or a retryable 503 that says what happened.
    expect(replies.filter((r) => r.status !== 201 && r.status !== 503)).toEqual([]);
    expect(by(503).length).toBeGreaterThan(0);
    for (const r of by(503)) {
      expect(r.body.error).toEqual({ code: 'unavailable', message: expect.stringMatching(/unavailable.*try again/i) });
      expect(r.retryAfter).toBe('5');
    }

    // All or nothing: a 201 has its whole announcement, a 503 left no trace.
    const rows = await world.prisma.announcement.findMany({
      where: { title: { startsWith: `cut-${run}-` } },
      include: { departments: true },
    });
    expect(rows.map((a) => a.title).sort()).toEqual(by(201).map((r) => r.title).sort());
    for (const a of rows) {
      expect(a.departments).toHaveLength(dept.length);
      expect(by(201).find((r) => r.title === a.title)!.body.id).toBe(a.id);
    }

    // Recovered without a restart: ready again, publishing works, and every announcement
    // published during the storm reached all its recipients once.
    await waitUntil(async () => (await fetch(`${api.url}/readyz`)).status === 200, 10_000, 'readyz');
    const after = await publish(`cut-${run}-after`, dept);
    expect(after.status).toBe(201);
    const published = [...rows.map((a) => a.id), after.body.id!];
    await waitUntil(async () => (await world.prisma.announcement.count({ where: { id: { in: published }, fanoutPending: true } })) === 0, 30_000, 'fan-outs');
    const users = await world.prisma.user.count({ where: { memberships: { some: {} } } });
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: { in: published }, status: 'pending' } })) === 0, 30_000, 'emails');
    let duplicates = 0;
    for (const id of published) {
      const stats = (await comms.json<{ recipients: number; channels: Record<'in_app' | 'email', Record<string, number>> }>(`/api/announcements/${id}/stats`)).body;
      expect(stats.recipients).toBe(users);
      expect(stats.channels.in_app).toMatchObject({ pending: 0, sent: users });
      expect(stats.channels.email).toMatchObject({ pending: 0, sent: users, failed: 0 });
      const ids = new Set((await world.prisma.notification.findMany({ where: { announcementId: id } })).map((n) => n.id.toString()));
      const mails = smtp.messages.filter((m) => ids.has(m.header('x-heraldo-notification')!));
      expect(new Set(mails.map((m) => m.header('x-heraldo-notification'))).size).toBe(users);
      // At-least-once: an email the SMTP server took while the write recording it was being cut
      // is sent again on retry, with the same Message-ID, so that mail systems can drop it.
      for (const m of mails) expect(m.header('message-id')).toBe(`<notification-${m.header('x-heraldo-notification')}@localhost>`);
      duplicates += mails.length - users;
    }
    console.info(`duplicate emails: ${duplicates} of ${published.length * users}`);
    expect(duplicates).toBeLessThan((published.length * users) / 10);
  });
});
