// Connections cut over and over (as a flaky network or a busy load balancer would) while
// announcements keep coming: every client, reconnecting with `since` each time, ends up with
// every notification exactly once: none missing, none repeated on the wire. (The catch-up and
// the live stream overlap at every reconnection; the server keeps them disjoint.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmployees } from '../../server/db/seed.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, login, sleep, waitUntil, type World } from '../support/harness.js';
import { resilientLive, type ResilientClient } from '../support/live.js';

const CLIENTS = 12;
const ANNOUNCEMENTS = 50;

let world: World;
let api: Heraldo;
const clients: ResilientClient[] = [];

beforeAll(async () => {
  world = await createWorld();
  await seedEmployees(world.prisma, CLIENTS, PASSWORD);
  api = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await world?.close();
});

describe('a storm of reconnections during publishing', () => {
  it('leaves every client with every notification exactly once', { timeout: 60_000 }, async () => {
    const comms = await login(api.url!, 'comms@heraldo.test');
    for (let i = 1; i <= CLIENTS; i++) clients.push(await resilientLive([api.url!], (await login(api.url!, `emp${i}@heraldo.test`)).token));
    let storm = true;
    // Every few milliseconds the server drops one client's connection (it reconnects by itself).
    const cutter = (async () => {
      while (storm) {
        const sockets = [...api.io!.of('/').sockets.values()];
        sockets[Math.floor(Math.random() * sockets.length)]?.conn.close();
        await sleep(5 + Math.random() * 20);
      }
    })();
    const published: string[] = [];
    for (let i = 0; i < ANNOUNCEMENTS; i++) {
      const res = await comms.json<{ id: string }>('/api/announcements', {
        method: 'POST',
        body: { title: `Storm ${i}`, body: 'x', audience: { type: 'all' }, channels: ['in_app'] },
      });
      expect(res.status).toBe(201);
      published.push(res.body.id);
      await sleep(Math.random() * 30);
    }
    storm = false;
    await cutter;
    await waitUntil(async () => (await world.prisma.announcement.count({ where: { id: { in: published }, fanoutPending: true } })) === 0, 30_000);

    for (const [i, c] of clients.entries()) {
      const mine = await world.prisma.notification.findMany({ where: { announcementId: { in: published }, user: { email: `emp${i + 1}@heraldo.test` } }, orderBy: { id: 'asc' } });
      await c.waitForIds(mine.map((n) => n.id.toString()), 15_000);
      await sleep(100);
      expect(c.repeats(), `emp${i + 1}`).toEqual([]);
      expect(c.received.map((n) => n.id).sort()).toEqual(mine.map((n) => n.id.toString()).sort());
    }
    const reconnections = clients.reduce((n, c) => n + c.connects - 1, 0);
    console.info(`${reconnections} reconnections during the storm`);
    expect(reconnections).toBeGreaterThan(CLIENTS * 2);
  });
});
