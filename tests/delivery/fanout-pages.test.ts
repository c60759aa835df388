// A fan-out in pages: notifications are created and emitted a page at a time, the emit cursor
// says what went out, and a fan-out that stopped between a page's commit and its emit sends
// that page on its retry, once. A page whose publish failed lets no later page move the cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotificationPage } from '../../server/announcements/audience.js';
import { createAnnouncement, type Publisher } from '../../server/announcements/publish.js';
import { seedEmployees } from '../../server/db/seed.js';
import { runFanout } from '../../server/delivery/fanout.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, connectLive, createWorld, departmentIds, login, sleep, waitUntil, type LiveClient, type World } from '../support/harness.js';

const EMPLOYEES = 3_000; // several pages (the first ones are 500 and 2,000 people)

let world: World;
let node: Heraldo;
let dept: Record<string, string>;
let author: Publisher;
const live: LiveClient[] = [];

beforeAll(async () => {
  world = await createWorld();
  await seedEmployees(world.prisma, EMPLOYEES, PASSWORD);
  node = await world.start({ HERALDO_SERVICES: 'api' });
  dept = await departmentIds(world.prisma);
  author = { type: 'user', ...(await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' }, select: { id: true, name: true } })) };
}, 120_000);
afterAll(async () => {
  for (const l of live) l.close();
  await world?.close();
});

/** Live clients for the people with the smallest, a middle and the largest user id of an audience. */
async function watchers(userIds: string[]): Promise<{ userId: string; client: LiveClient }[]> {
  const sorted = [...userIds].sort();
  const picks = [sorted[0]!, sorted[Math.floor(sorted.length / 2)]!, sorted[sorted.length - 1]!];
  const out: { userId: string; client: LiveClient }[] = [];
  for (const userId of picks) {
    const { email } = await world.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    const client = await connectLive(node.url!, { token: (await login(node.url!, email)).token });
    live.push(client);
    out.push({ userId, client });
  }
  return out;
}

async function expectEveryoneOnce(announcementId: string, audience: string[], watching: { userId: string; client: LiveClient }[]) {
  const rows = await world.prisma.notification.findMany({ where: { announcementId }, select: { id: true, userId: true } });
  expect(rows.map((r) => r.userId).sort()).toEqual([...audience].sort());
  const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id: announcementId } });
  expect(a.emittedThrough).toBe(rows.reduce((max, r) => (r.id > max ? r.id : max), 0n));
  expect(a.recipientCount).toBe(audience.length);
  for (const { userId, client } of watching) {
    const mine = rows.find((r) => r.userId === userId)!;
    await waitUntil(() => client.received.some((n) => n.announcementId === announcementId), 15_000, `${userId}'s notification`);
    await sleep(200);
    expect(client.received.filter((n) => n.announcementId === announcementId).map((n) => n.id)).toEqual([mine.id.toString()]);
  }
  const stats = (await (await login(node.url!, 'comms@heraldo.test')).json<{ channels: { in_app: Record<string, number> } }>(`/api/announcements/${announcementId}/stats`)).body;
  expect(stats.channels.in_app).toMatchObject({ sent: audience.length, pending: 0 });
}

/** node.ctx with a Redis connection whose first PING (the first page's) fails once the second
 *  page's PING has been answered: the first publish was lost, the second went out. */
function firstPingLost(): Heraldo['ctx'] {
  const redis = node.ctx.redis;
  let loseFirst: ((err: Error) => void) | null = null;
  let calls = 0;
  const ping = () => {
    if (++calls === 1) return new Promise<string>((_, reject) => (loseFirst = reject));
    return redis.ping().then((pong) => (loseFirst?.(new Error('first page not published')), pong));
  };
  const proxy = new Proxy(redis, {
    get: (target, key) => {
      if (key === 'ping') return ping;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...node.ctx, redis: proxy };
}

const base = { body: 'Hello', channels: ['in_app' as const], priority: 'normal' as const, requireAck: false };

describe('fan-out in pages', () => {
  it('reaches everyone, each once, and counts them as emitted', { timeout: 60_000 }, async () => {
    const everyone = (await world.prisma.user.findMany({ where: { active: true }, select: { id: true } })).map((u) => u.id);
    const watching = await watchers(everyone);
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'paged to all', audience: { type: 'all' } });
    await runFanout(node.ctx, a.id);
    await expectEveryoneOnce(a.id, everyone, watching);
  });

  it('gives the union of several large departments one notification per person', { timeout: 60_000 }, async () => {
    const alice = await world.prisma.user.findUniqueOrThrow({ where: { email: 'alice@heraldo.test' } });
    await world.prisma.membership.upsert({
      where: { userId_departmentId: { userId: alice.id, departmentId: dept.hr! } },
      create: { userId: alice.id, departmentId: dept.hr! },
      update: {},
    });
    const members = await world.prisma.membership.findMany({ where: { departmentId: { in: [dept.it!, dept.hr!] }, user: { active: true } }, select: { userId: true } });
    const audience = [...new Set(members.map((m) => m.userId))];
    expect(audience.length).toBeGreaterThan(1_000); // more than one page
    const watching = await watchers(audience);
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'paged to it and hr', audience: { type: 'departments', departmentIds: [dept.it!, dept.hr!] } });
    await runFanout(node.ctx, a.id);
    await expectEveryoneOnce(a.id, audience, watching);
  });

  it('emits, on its retry, the pages a stopped fan-out committed but never sent, once', { timeout: 60_000 }, async () => {
    const everyone = (await world.prisma.user.findMany({ where: { active: true }, select: { id: true } })).map((u) => u.id);
    const watching = await watchers(everyone);
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'stopped half-way', audience: { type: 'all' } });
    // What a worker killed right after two page commits leaves: rows, no emit, no cursor.
    const audience = { id: a.id, audienceType: 'all' as const, departmentIds: [] };
    const first = await insertNotificationPage(world.prisma, audience, null, 500);
    await insertNotificationPage(world.prisma, audience, first.last, 500);
    await sleep(300);
    expect(watching[0]!.client.received.filter((n) => n.announcementId === a.id)).toEqual([]);

    await runFanout(node.ctx, a.id); // the retry
    await expectEveryoneOnce(a.id, everyone, watching);
  });

  it('moves no cursor past a page whose publish failed, though a later page went out', { timeout: 60_000 }, async () => {
    const everyone = (await world.prisma.user.findMany({ where: { active: true }, select: { id: true } })).map((u) => u.id);
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'first page lost', audience: { type: 'all' } });
    await expect(runFanout(firstPingLost(), a.id)).rejects.toThrow('first page not published');
    // It fails only once nothing of it runs any more (its last insert committed), so the cursor
    // is final here: no page went out for sure, as the first one did not.
    expect(await world.prisma.notification.count({ where: { announcementId: a.id } })).toBe(everyone.length);
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id: a.id } })).emittedThrough).toBeNull();

    await runFanout(node.ctx, a.id); // the retry sends from the cursor on
    const rows = await world.prisma.notification.findMany({ where: { announcementId: a.id }, select: { id: true, userId: true } });
    expect(rows.map((r) => r.userId).sort()).toEqual([...everyone].sort());
    const done = await world.prisma.announcement.findUniqueOrThrow({ where: { id: a.id } });
    expect(done.emittedThrough).toBe(rows.reduce((max, r) => (r.id > max ? r.id : max), 0n));
  });
});
