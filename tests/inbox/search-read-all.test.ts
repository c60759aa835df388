// The inbox's search (Postgres full-text, English and Spanish word forms, on the indexed
// expression) and "mark all read".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { searchCondition } from '../../server/inbox/search.js';
import { connectLive, createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let comms: Client;
let alice: Client;
let bob: Client;
let dept: Record<string, string>;

type Inbox = { items: { id: string; title: string; announcementId: string; readAt: string | null }[]; unreadCount: number };

const posts: Record<string, string> = {};

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  alice = await login(node.url!, 'alice@heraldo.test');
  bob = await login(node.url!, 'bob@heraldo.test');
  dept = await departmentIds(world.prisma);
  const publish = async (key: string, title: string, body: string, audience: unknown = { type: 'all' }) => {
    const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: { title, body, channels: ['in_app'], audience } });
    expect(res.status).toBe(201);
    posts[key] = res.body.id;
  };
  await publish('running', 'Company running club', 'We are **running** the city race on Sunday.');
  await publish('runs', 'Backups', 'The backup job runs every night at two.');
  await publish('spanish', 'Carrera solidaria', 'El domingo estaremos corriendo por la ciudad.');
  await publish('holidays', 'Vacaciones de verano', 'Pide tus vacaciones antes del viernes.');
  await publish('it', 'Laptop upgrade', 'New laptops for the running of builds.', { type: 'departments', departmentIds: [dept.it] });
  await publish('other', 'Parking', 'The car park closes early.');
  await waitUntil(async () => (await world.prisma.announcement.count({ where: { fanoutPending: true } })) === 0, 20_000, 'fan-outs');
});
afterAll(() => world?.close());

const search = async (c: Client, q: string, extra = '') =>
  (await c.json<Inbox>(`/api/inbox?q=${encodeURIComponent(q)}${extra}`)).body.items.map((i) => i.announcementId);

describe('GET /api/inbox?q=', () => {
  it('matches English word forms: "run" finds running and runs', async () => {
    expect((await search(alice, 'run')).sort()).toEqual([posts.running, posts.runs, posts.it].sort());
    expect((await search(alice, 'running')).sort()).toEqual([posts.running, posts.runs, posts.it].sort());
  });

  it('matches Spanish word forms: "correr" finds "corriendo", "vacación" finds "vacaciones"', async () => {
    // Postgres's Spanish stemmer reduces corriendo, correr, corre, corrió to "corr".
    expect(await search(alice, 'correr')).toEqual([posts.spanish]);
    expect(await search(alice, 'corre')).toEqual([posts.spanish]);
    expect(await search(alice, 'vacación')).toEqual([posts.holidays]);
  });

  it('searches only the person\'s own inbox, with every word required, and combines with filters', async () => {
    expect(await search(bob, 'laptops')).toEqual([]); // IT only
    expect(await search(alice, 'laptops')).toEqual([posts.it]);
    expect(await search(alice, 'running sunday')).toEqual([posts.running]);
    expect(await search(alice, 'running -club')).not.toContain(posts.running);
    expect(await search(alice, 'running', '&department=it')).toEqual([posts.it]);
    expect(await search(alice, 'zebra')).toEqual([]);
  });

  it('survives punctuation and odd input, and refuses what is not a search', async () => {
    for (const q of ['"', '&|!():*', "' OR 1=1 --", '   ', 'a'.repeat(200)]) {
      expect((await alice.json(`/api/inbox?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
    expect((await alice.json(`/api/inbox?q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await alice.json('/api/inbox?q=a&q=b')).status).toBe(400);
    // Empty: the whole inbox.
    expect((await alice.json<Inbox>('/api/inbox?q=')).body.items).toHaveLength(6);
  });

  it('leaves retracted announcements out', async () => {
    await comms.json(`/api/announcements/${posts.other}/retract`, { method: 'POST' });
    expect(await search(alice, 'parking')).toEqual([]);
  });

  it('uses the GIN index "Announcement_search_idx" (the very expression of the migration)', async () => {
    await world.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const plan = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT a.id FROM "Announcement" a WHERE ${searchCondition('running')}`;
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('Announcement_search_idx');
    });
  });
});

describe('POST /api/inbox/read-all', () => {
  it('marks every visible notification read, answers {unreadCount: 0}, and tells the other tabs', async () => {
    const before = await alice.json<Inbox>('/api/inbox');
    expect(before.body.unreadCount).toBeGreaterThan(0);
    const live = await connectLive(node.url!, { token: alice.token });
    const events: { readAt: string; unreadCount: number }[] = [];
    live.socket.on('inbox:read-all', (e: { readAt: string; unreadCount: number }) => events.push(e));
    const res = await alice.json('/api/inbox/read-all', { method: 'POST' });
    expect(res).toEqual({ status: 200, body: { unreadCount: 0 } });
    const after = await alice.json<Inbox>('/api/inbox');
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.items.every((i) => i.readAt !== null)).toBe(true);
    await waitUntil(() => events.length === 1, 5_000, 'inbox:read-all');
    expect(events[0]!.unreadCount).toBe(0);
    // Acknowledgements are not given on anyone's behalf; bob's inbox is untouched.
    expect(await world.prisma.notification.count({ where: { user: { email: 'alice@heraldo.test' }, ackAt: { not: null } } })).toBe(0);
    expect((await bob.json<Inbox>('/api/inbox')).body.unreadCount).toBeGreaterThan(0);
    // Again: nothing to do, same answer.
    expect(await alice.json('/api/inbox/read-all', { method: 'POST' })).toEqual({ status: 200, body: { unreadCount: 0 } });
    live.close();
  });
});
