// Two api nodes (separate processes) with clients spread over them; one is SIGKILLed while
// announcements keep coming. Its clients reconnect to the other node and catch up: nothing
// missing, nothing shown twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { resilientLive, type ResilientClient } from '../support/live.js';
import { spawnHeraldo, type HeraldoProcess } from '../support/processes.js';

const USERS = ['alice', 'bob', 'carol', 'dan', 'it.manager', 'hr.manager'].map((u) => `${u}@heraldo.test`);
const ANNOUNCEMENTS = 12;

let world: World;
let nodeA: HeraldoProcess;
let nodeB: HeraldoProcess;
const clients: ResilientClient[] = [];

beforeAll(async () => {
  world = await createWorld();
  const env = { HERALDO_SERVICES: 'api', DATABASE_URL: world.databaseUrl, REDIS_URL: world.config().redisUrl, HERALDO_REDIS_PREFIX: world.prefix };
  [nodeA, nodeB] = await Promise.all([spawnHeraldo(env), spawnHeraldo(env)]);
  await world.start({ HERALDO_SERVICES: 'worker' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([nodeA?.kill(), nodeB?.kill()]);
  await world?.close();
});

describe('an api node killed under its clients', () => {
  it('moves them to the other node with no gap and no duplicate', { timeout: 120_000 }, async () => {
    const a = nodeA.url!;
    const b = nodeB.url!;
    for (const [i, email] of USERS.entries()) {
      const user = await login(b, email);
      // Half start on A, half on B; each falls back to the other one.
      clients.push(await resilientLive(i % 2 === 0 ? [a, b] : [b, a], user.token));
    }
    const comms: Client = await login(b, 'comms@heraldo.test');
    const published: string[] = [];
    for (let i = 0; i < ANNOUNCEMENTS; i++) {
      if (i === 4) await nodeA.kill('SIGKILL');
      const res = await comms.json<{ id: string }>('/api/announcements', {
        method: 'POST',
        body: { title: `Bulletin ${i}`, body: `Number ${i}`, audience: { type: 'all' }, channels: ['in_app'], priority: 'normal' },
      });
      expect(res.status).toBe(201);
      published.push(res.body.id);
      await sleep(150);
    }
    await waitUntil(async () => (await world.prisma.announcement.count({ where: { id: { in: published }, fanoutPending: true } })) === 0, 60_000);

    for (const [i, c] of clients.entries()) {
      const mine = await world.prisma.notification.findMany({ where: { announcementId: { in: published }, user: { email: USERS[i] } }, orderBy: { id: 'asc' } });
      expect(mine).toHaveLength(ANNOUNCEMENTS);
      await c.waitForIds(mine.map((n) => n.id.toString()));
      await sleep(300);
      expect(c.node(), USERS[i]).toBe(b);
      // Every notification, once (not even repeated on the wire), in the order they were sent.
      expect(c.received.map((n) => n.id)).toEqual(mine.map((n) => n.id.toString()));
      if (i % 2 === 0) expect(c.connects, 'moved from A to B').toBe(2);
      else expect(c.connects).toBe(1);
    }
  });
});
