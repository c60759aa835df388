// Live delivery over socket.io: who gets what, across api nodes, and catch-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { connectLive, createWorld, departmentIds, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';

let world: World;
let nodeA: Heraldo;
let nodeB: Heraldo;
let dept: Record<string, string>;
let comms: Client;

beforeAll(async () => {
  world = await createWorld();
  // Two api nodes and a separate worker, as in a scaled-out deployment.
  nodeA = await world.start({ HERALDO_SERVICES: 'api' });
  nodeB = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
  dept = await departmentIds(world.prisma);
  comms = await login(nodeA.url!, 'comms@heraldo.test');
});
afterAll(() => world.close());

async function publish(title: string, audience: unknown, extra: Record<string, unknown> = {}) {
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: `About **${title}**`, audience, channels: ['in_app'], priority: 'high', ...extra },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('live notifications', () => {
  it('refuses a socket without valid credentials', async () => {
    await expect(connectLive(nodeA.url!, {})).rejects.toThrow('unauthorized');
    await expect(connectLive(nodeA.url!, { token: 'forged' })).rejects.toThrow('unauthorized');
  });

  it('reaches members on another api node than the publishing one, and nobody else', async () => {
    const alice = await login(nodeB.url!, 'alice@heraldo.test'); // it
    const bob = await login(nodeB.url!, 'bob@heraldo.test'); // hr
    const carol = await login(nodeA.url!, 'carol@heraldo.test'); // finance
    const onB = await connectLive(nodeB.url!, { token: alice.token });
    const bobLive = await connectLive(nodeB.url!, { token: bob.token });
    const carolLive = await connectLive(nodeA.url!, { token: carol.token });

    const id = await publish('IT only', { type: 'departments', departmentIds: [dept.it] });
    const [n] = await onB.waitFor(1);
    expect(n).toMatchObject({ announcementId: id, title: 'IT only', priority: 'high', departments: ['it'], readAt: null });
    expect(n!.bodyHtml).toBe('<p>About <strong>IT only</strong></p>\n');

    // Bob and Carol got nothing; a company-wide one reaches all three.
    await publish('Everyone', { type: 'all' });
    await Promise.all([onB.waitFor(2), bobLive.waitFor(1), carolLive.waitFor(1)]);
    expect(bobLive.received.map((x) => x.title)).toEqual(['Everyone']);
    expect(carolLive.received.map((x) => x.title)).toEqual(['Everyone']);
    for (const c of [onB, bobLive, carolLive]) c.close();
  });

  it('catches up, oldest first, after a disconnect', async () => {
    const dan = await login(nodeA.url!, 'dan@heraldo.test');
    const first = await connectLive(nodeA.url!, { token: dan.token });
    await publish('Before', { type: 'all' });
    const [seen] = await first.waitFor(1);
    first.close();

    await publish('Missed 1', { type: 'all' });
    await publish('Missed 2', { type: 'departments', departmentIds: [dept.sales] });
    await publish('Not for Dan', { type: 'departments', departmentIds: [dept.hr] });
    await waitUntil(async () => (await world.prisma.announcement.count({ where: { fanoutPending: true } })) === 0);

    const again = await connectLive(nodeB.url!, { token: dan.token, since: seen!.id });
    await again.waitFor(2);
    expect(again.received.map((x) => x.title)).toEqual(['Missed 1', 'Missed 2']);
    // then live ones
    await publish('Live again', { type: 'all' });
    await again.waitFor(3);
    expect(again.received.map((x) => x.title)).toEqual(['Missed 1', 'Missed 2', 'Live again']);
    await sleep(200);
    expect(again.received).toHaveLength(3); // no duplicates
    again.close();
  });

  it('catches up after a server restart (from Postgres, not memory)', async () => {
    const carol = await login(nodeA.url!, 'carol@heraldo.test');
    const live = await connectLive(nodeA.url!, { token: carol.token });
    await publish('Pre-restart', { type: 'all' });
    const [last] = await live.waitFor(1);
    live.close();

    await nodeA.stop();
    await publish2ViaB('While A was down');
    nodeA = await world.start({ HERALDO_SERVICES: 'api' });

    const back = await connectLive(nodeA.url!, { token: carol.token, since: last!.id });
    await back.waitFor(1);
    expect(back.received.map((x) => x.title)).toEqual(['While A was down']);
    back.close();
  });

  it('disconnects a socket when its session is revoked', async () => {
    const bob = await login(nodeA.url!, 'bob@heraldo.test');
    const live = await connectLive(nodeB.url!, { token: bob.token });
    const gone = new Promise<string>((resolve) => live.socket.once('disconnect', resolve));
    await bob.fetch('/api/auth/logout', { method: 'POST' });
    expect(await gone).toBe('io server disconnect');
  });
});

async function publish2ViaB(title: string) {
  const viaB = await login(nodeB.url!, 'comms@heraldo.test');
  const res = await viaB.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: 'x', audience: { type: 'all' }, channels: ['in_app'], priority: 'normal' },
  });
  expect(res.status).toBe(201);
  await waitUntil(async () => (await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fanoutPending === false);
}
