// Redis (a private redis-server with appendonly on) restarted in the middle of a fan-out:
// workers and sockets reconnect by themselves, and nothing is lost or sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmployees } from '../../server/db/seed.js';
import { createContext } from '../../server/context.js';
import { runFanout } from '../../server/delivery/fanout.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { resilientLive, type ResilientClient } from '../support/live.js';
import { startRedisServer, type RedisServer } from '../support/processes.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const RECIPIENTS = 1_000;
type Stats = { recipients: number; channels: Record<string, Record<string, number>> };

let redis: RedisServer;
let smtp: SmtpSink;
let world: World;
let api: Heraldo;
let comms: Client;
const live: ResilientClient[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  smtp = await startSmtpSink();
  world = await createWorld({ REDIS_URL: redis.url, SMTP_URL: smtp.url });
  await seedEmployees(world.prisma, RECIPIENTS - (await world.prisma.user.count()), PASSWORD);
  api = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
  comms = await login(api.url!, 'comms@heraldo.test');
});
afterAll(async () => {
  for (const c of live) c.close();
  await world?.close();
  await smtp?.stop();
  await redis?.stop();
  redis?.cleanup();
});

async function publish(title: string) {
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: 'Read me', audience: { type: 'all' }, channels: ['in_app', 'email'], priority: 'normal' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('Redis restarted mid fan-out', () => {
  it('loses nothing and sends nothing twice; everyone reconnects by themselves', { timeout: 120_000 }, async () => {
    for (const email of ['alice@heraldo.test', 'bob@heraldo.test', 'emp1@heraldo.test', 'emp2@heraldo.test']) {
      const c = await login(api.url!, email);
      live.push(await resilientLive([api.url!], c.token));
    }
    const first = await publish(`Before the restart ${Date.now()}`);
    await waitUntil(() => smtp.messages.length >= RECIPIENTS * 0.3, 60_000, '30% of the emails');
    await redis.stop();
    const atStop = smtp.messages.length;
    // Publishing while Redis is away still answers, before Redis is back (no wall-clock bound:
    // under load that would only measure the machine): the announcement is safe in Postgres,
    // and the dispatcher queues it once Redis returns.
    const during = await publish(`During the outage ${Date.now()}`);
    expect(redis.proc().child.exitCode ?? redis.proc().child.signalCode).not.toBeNull();
    await sleep(3_000);
    await redis.start();
    console.info(`redis restarted after ${atStop} emails`);

    const ids = [first, during];
    await waitUntil(async () => {
      const pending = await world.prisma.delivery.count({ where: { announcementId: { in: ids }, status: 'pending' } });
      const marked = await world.prisma.announcement.count({ where: { id: { in: ids }, fanoutPending: true } });
      return pending === 0 && marked === 0;
    }, 90_000, 'every delivery settled');

    for (const id of ids) {
      const notifications = await world.prisma.notification.findMany({ where: { announcementId: id }, select: { id: true } });
      expect(notifications).toHaveLength(RECIPIENTS);
      const want = new Set(notifications.map((n) => n.id.toString()));
      const got = smtp.messages.map((m) => m.header('x-heraldo-notification')!).filter((n) => want.has(n));
      expect(new Set(got).size, `emails of ${id}`).toBe(RECIPIENTS);
      console.info(`${id}: ${got.length - RECIPIENTS} duplicate emails`);
      expect(got.length).toBe(RECIPIENTS);
      const stats = (await comms.json<Stats>(`/api/announcements/${id}/stats`)).body;
      expect(stats.channels.email).toEqual({ pending: 0, sent: RECIPIENTS, failed: 0, skipped: 0 });
      expect(stats.channels.in_app).toEqual({ pending: 0, sent: RECIPIENTS, failed: 0, skipped: 0 });
    }
    // Live: each client has each announcement exactly once, whether it came live or in the
    // catch-up after its node cut it: nothing missing, nothing repeated on the wire.
    for (const c of live) {
      await waitUntil(() => ids.every((id) => c.received.some((n) => n.announcementId === id)), 15_000, 'live notifications');
      await sleep(300);
      const mine = c.received.filter((n) => ids.includes(n.announcementId));
      expect(mine.map((n) => n.announcementId).sort()).toEqual([...ids].sort());
      expect(c.repeats()).toEqual([]);
      expect(c.connects, 'cut once the subscription was restored, then reconnected').toBe(2);
    }
  });

  it('makes connected sockets catch up on what was emitted before their node re-subscribed', { timeout: 60_000 }, async () => {
    const alice = await login(api.url!, 'alice@heraldo.test');
    const client = await resilientLive([api.url!], alice.token);
    live.push(client);
    await redis.stop();
    const res = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title: `Emitted early ${Date.now()}`, body: 'x', audience: { type: 'departments', departmentIds: [(await world.prisma.department.findUniqueOrThrow({ where: { slug: 'it' } })).id] }, channels: ['in_app'], priority: 'high' },
    });
    expect(res.status).toBe(201);
    await sleep(3_000); // the api node's subscriber backs off between reconnection attempts
    await redis.start();
    // A worker that reaches Redis first (here: one that connects right now) emits before the api
    // node has subscribed again: that event reaches no socket of that node.
    const worker = createContext(world.config({ HERALDO_SERVICES: 'worker' }));
    try {
      // Its connections refuse commands until connected (no offline queue): a real worker runs
      // a fan-out only once BullMQ has handed it the job, so only once connected.
      await waitUntil(() => worker.redis.status === 'ready', 10_000, 'the worker to reach Redis');
      await runFanout(worker, res.body.id);
    } finally {
      await worker.close();
    }
    const [n] = await world.prisma.notification.findMany({ where: { announcementId: res.body.id, user: { email: 'alice@heraldo.test' } } });
    await client.waitForIds([n!.id.toString()], 15_000);
    expect(client.received.filter((x) => x.id === n!.id.toString())).toHaveLength(1);
  });
});
