// A worker process SIGKILLed in the middle of a 2,000-recipient email fan-out, then started
// again: every recipient ends up with their message, and the stats add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmployees } from '../../server/db/seed.js';
import { CONCURRENCY } from '../../server/delivery/queues.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, login, waitUntil, type Client, type World } from '../support/harness.js';
import { spawnHeraldo, type HeraldoProcess } from '../support/processes.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const RECIPIENTS = 2_000;
type Stats = { recipients: number; channels: Record<string, Record<string, number>> };
let world: World;
let api: Heraldo;
let smtp: SmtpSink;
let comms: Client;
const workers: HeraldoProcess[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url });
  const existing = await world.prisma.user.count();
  await seedEmployees(world.prisma, RECIPIENTS - existing, PASSWORD);
  api = await world.start({ HERALDO_SERVICES: 'api' });
  comms = await login(api.url!, 'comms@heraldo.test');
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await world?.close();
  await smtp?.stop();
});

const startWorker = async () => {
  const w = await spawnHeraldo({
    HERALDO_SERVICES: 'worker',
    DATABASE_URL: world.databaseUrl,
    REDIS_URL: world.config().redisUrl,
    HERALDO_REDIS_PREFIX: world.prefix,
    SMTP_URL: smtp.url,
  });
  workers.push(w);
  return w;
};

describe('a worker killed mid fan-out', () => {
  // Generous bounds: on a loaded machine 2,000 emails take minutes; speed is not the point here.
  it('is restarted and every recipient gets their email; stats add up', { timeout: 300_000 }, async () => {
    const first = await startWorker();
    const title = `Crash test ${Date.now()}`;
    const res = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title, body: 'Everyone, **read this**.', audience: { type: 'all' }, channels: ['email'], priority: 'normal' },
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    const mine = () => smtp.messages.filter((m) => m.header('subject') === title);

    const t0 = Date.now();
    await waitUntil(() => mine().length >= RECIPIENTS * 0.1, 120_000, '10% of the emails');
    await first.kill('SIGKILL');
    const atKill = mine().length;
    const t1 = Date.now();
    console.info(`killed the worker after ${atKill} emails (${t1 - t0} ms)`);

    await startWorker();
    await waitUntil(async () => {
      const pending = await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending' } });
      return pending === 0;
    }, 240_000, 'every delivery settled');
    console.info(`settled ${Date.now() - t1} ms after the kill; sink got ${mine().length}`);

    // Every recipient: at least one message, all copies the same notification and Message-ID.
    const notifications = await world.prisma.notification.findMany({ where: { announcementId: id }, include: { user: true } });
    expect(notifications).toHaveLength(RECIPIENTS);
    const byAddress = new Map<string, { ids: Set<string>; messageIds: Set<string>; count: number }>();
    for (const m of mine()) {
      const entry = byAddress.get(m.to[0]!) ?? { ids: new Set(), messageIds: new Set(), count: 0 };
      entry.ids.add(m.header('x-heraldo-notification')!);
      entry.messageIds.add(m.header('message-id')!);
      entry.count += 1;
      byAddress.set(m.to[0]!, entry);
    }
    for (const n of notifications) {
      const got = byAddress.get(n.user.email);
      expect(got, n.user.email).toBeDefined();
      expect([...got!.ids]).toEqual([n.id.toString()]);
      expect(got!.messageIds.size).toBe(1);
    }
    expect(byAddress.size).toBe(RECIPIENTS);
    // At-least-once: a message the sink accepted but the dead worker had not recorded yet is sent
    // again (same Message-ID). Only jobs running at the kill can be such, at most the concurrency.
    const duplicates = mine().length - RECIPIENTS;
    console.info(`duplicates after the kill: ${duplicates}`);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY.email);

    const stats = (await comms.json<Stats>(`/api/announcements/${id}/stats`)).body;
    expect(stats.recipients).toBe(RECIPIENTS);
    expect(stats.channels.email).toEqual({ pending: 0, sent: RECIPIENTS, failed: 0, skipped: 0 });
  });
});
