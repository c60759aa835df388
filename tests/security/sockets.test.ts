// Sockets: what a client receives is decided by the server from the database, never by what the
// client sends; a page on another site cannot ride the session cookie; a session that expires
// or is revoked loses its sockets, on every api node.
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, findSessionUser, findSessionUsers, hashToken } from '../../server/auth/sessions.js';
import type { Heraldo } from '../../server/heraldo.js';
import { connectLive, createWorld, departmentIds, login, sleep, waitUntil, type Client, type LiveClient, type World } from '../support/harness.js';

let world: World;
let nodeA: Heraldo;
let nodeB: Heraldo;
let dept: Record<string, string>;
let comms: Client;

beforeAll(async () => {
  world = await createWorld();
  nodeA = await world.start({ HERALDO_SERVICES: 'api' });
  nodeB = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
  dept = await departmentIds(world.prisma);
  comms = await login(nodeA.url!, 'comms@heraldo.test');
});
afterAll(() => world?.close());

/** A raw socket that records every event it gets, whatever its name. */
function spy(url: string, opts: Parameters<typeof connect>[1] = {}) {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...opts });
  const events: { name: string; args: unknown[] }[] = [];
  socket.onAny((name: string, ...args: unknown[]) => events.push({ name, args }));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events, ready };
}

const refusal = (s: Socket) => new Promise<string>((resolve) => s.once('connect_error', (e) => resolve(e.message)));

async function publish(title: string, departmentSlugs: string[] | 'all') {
  const audience = departmentSlugs === 'all' ? { type: 'all' } : { type: 'departments', departmentIds: departmentSlugs.map((s) => dept[s]) };
  const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: { title, body: 'x', audience, channels: ['in_app'] } });
  expect(res.status).toBe(201);
  await waitUntil(async () => !(await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fanoutPending);
  return res.body.id;
}

describe('rooms are the server\'s business', () => {
  it('gives a client nothing of another department or person, whatever it sends', { timeout: 30_000 }, async () => {
    const alice = await login(nodeA.url!, 'alice@heraldo.test'); // it
    const bob = await login(nodeB.url!, 'bob@heraldo.test'); // hr
    const admin = await login(nodeA.url!, 'admin@heraldo.test');
    const bobUser = await world.prisma.user.findUniqueOrThrow({ where: { email: 'bob@heraldo.test' } });
    const rooms = ['staff', `user:${bobUser.id}`, `session:${bobUser.id}`, 'hr', `department:${dept.hr}`, '/', ''];
    // Everything a client could try: claims in the handshake, in the query, events of any name.
    const evil = spy(nodeA.url!, {
      auth: { token: alice.token, since: '0', userId: bobUser.id, role: 'admin', rooms, departments: [dept.hr] },
      query: { userId: bobUser.id, room: 'staff' },
    });
    await evil.ready;
    for (const name of ['join', 'subscribe', 'joinRoom', 'room', 'rooms', 'since', 'login', 'auth', 'notification', 'heraldo:deliver']) {
      for (const payload of [rooms, rooms[0], { room: rooms[1] }, { token: bob.token }]) evil.socket.emit(name, payload);
    }
    evil.socket.emit('join', 'staff', () => {});
    const bobLive = spy(nodeB.url!, { auth: { token: bob.token } });
    const staffLive = spy(nodeB.url!, { auth: { token: admin.token } });
    await Promise.all([bobLive.ready, staffLive.ready]);
    await sleep(200);

    const hrOnly = await publish('HR only', ['hr']);
    const itOnly = await publish('IT only', ['it']);
    await waitUntil(() => bobLive.events.some((e) => e.name === 'notification') && evil.events.some((e) => e.name === 'notification'));
    // Bob reads his: his other tabs get a receipt, staff get the numbers; Alice gets neither.
    const n = await world.prisma.notification.findFirstOrThrow({ where: { announcementId: hrOnly, userId: bobUser.id } });
    expect((await bob.fetch(`/api/inbox/${n.id}/read`, { method: 'POST' })).status).toBe(200);
    await waitUntil(() => staffLive.events.some((e) => e.name === 'announcement:updated') && bobLive.events.some((e) => e.name === 'receipt'));
    await sleep(300);

    const aliceGot = evil.events.map((e) => `${e.name}:${(e.args[0] as { announcementId?: string; id?: string })?.announcementId ?? ''}`);
    expect(aliceGot).toEqual([`notification:${itOnly}`]);
    expect(evil.socket.connected).toBe(true);
    // The replay she asked for with since=0 is hers alone (she had nothing before).
    for (const c of [evil, bobLive, staffLive]) c.socket.disconnect();
  });

  it('serves no other namespace, and takes no token from the query string', { timeout: 15_000 }, async () => {
    const alice = await login(nodeA.url!, 'alice@heraldo.test');
    const admin = connect(`${nodeA.url}/admin`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: alice.token } });
    expect(await refusal(admin)).toMatch(/Invalid namespace/);
    const viaQuery = connect(nodeA.url!, { transports: ['websocket'], forceNew: true, reconnection: false, query: { token: alice.token } });
    expect(await refusal(viaQuery)).toBe('unauthorized');
    admin.close();
    viaQuery.close();
  });

  it('refuses a cookie-authenticated socket opened by a page of another site', { timeout: 10_000 }, async () => {
    const alice = await login(nodeA.url!, 'alice@heraldo.test');
    const cross = connect(nodeA.url!, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { cookie: alice.cookie, origin: 'https://evil.example' } });
    expect(await refusal(cross)).toBe('unauthorized');
    cross.close();
    // The same cookie from our own origin (the web client), or no browser at all, is fine.
    for (const headers of [{ cookie: alice.cookie, origin: nodeA.url! }, { cookie: alice.cookie }] as Record<string, string>[]) {
      const ok = spy(nodeA.url!, { extraHeaders: headers });
      await ok.ready;
      ok.socket.disconnect();
    }
  });
});

describe('sessions that end', () => {
  it('lets a batch of handshakes in exactly as one would be: never an expired, revoked or deactivated one', async () => {
    const users = await Promise.all(
      ['batch-live', 'batch-gone'].map((name) => world.prisma.user.create({ data: { email: `${name}@heraldo.test`, name, role: 'admin', locale: 'es', timezone: 'Europe/Madrid' } })),
    );
    const [live, gone] = users as [(typeof users)[0], (typeof users)[0]];
    const tokens = {
      valid: (await createSession(world.prisma, live.id, 3_600_000)).token,
      expired: (await createSession(world.prisma, live.id, -1_000)).token,
      revoked: (await createSession(world.prisma, live.id, 3_600_000)).token,
      deactivated: (await createSession(world.prisma, gone.id, 3_600_000)).token,
      unknown: 'no-such-token',
    };
    await world.prisma.session.update({ where: { tokenHash: hashToken(tokens.revoked) }, data: { revokedAt: new Date() } });
    await world.prisma.user.update({ where: { id: gone.id }, data: { active: false } });

    const batch = await findSessionUsers(world.prisma, Object.values(tokens).map(hashToken));
    for (const token of Object.values(tokens)) expect(batch.get(hashToken(token)) ?? null).toEqual(await findSessionUser(world.prisma, token));
    expect([...batch.values()]).toEqual([expect.objectContaining({ id: live.id, role: 'admin', locale: 'es', timezone: 'Europe/Madrid' })]);
  });

  it('disconnects a socket when its session expires, and refuses it afterwards', { timeout: 20_000 }, async () => {
    const short = await world.start({ HERALDO_SERVICES: 'api', SESSION_TTL_HOURS: String(3 / 3600) }); // 3 s
    const carol = await login(short.url!, 'carol@heraldo.test');
    const live = await connectLive(short.url!, { token: carol.token });
    const session = await world.prisma.session.findFirstOrThrow({ where: { user: { email: 'carol@heraldo.test' } }, orderBy: { createdAt: 'desc' } });
    const reason = await new Promise<string>((resolve) => live.socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
    // Cut because it expired: not before (how long after is the test timeout's business; a
    // bound in seconds would measure only how loaded the machine is).
    expect(Date.now()).toBeGreaterThanOrEqual(session.expiresAt.getTime() - 100);
    await expect(connectLive(short.url!, { token: carol.token })).rejects.toThrow('unauthorized');
    expect((await carol.fetch('/api/me')).status).toBe(401);
    await short.stop();
  });

  it('disconnects the sockets of a revoked session on every node, and only those', { timeout: 15_000 }, async () => {
    const dan1 = await login(nodeA.url!, 'dan@heraldo.test');
    const dan2 = await login(nodeA.url!, 'dan@heraldo.test');
    const onA = await connectLive(nodeA.url!, { token: dan1.token });
    const onB = await connectLive(nodeB.url!, { token: dan1.token });
    const other = await connectLive(nodeB.url!, { token: dan2.token });
    const gone = Promise.all([onA, onB].map((l) => new Promise<string>((resolve) => l.socket.once('disconnect', resolve))));
    expect((await dan1.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(connectLive(nodeB.url!, { token: dan1.token })).rejects.toThrow('unauthorized');
    await sleep(200);
    expect(other.socket.connected).toBe(true);
    other.close();
  });
});

describe('what one person or one address may hold', () => {
  it('caps the sockets of one user on a node, and gives the slots back when they close', { timeout: 60_000 }, async () => {
    const node = await world.start({ HERALDO_SERVICES: 'api', SOCKETS_PER_USER: '5' });
    try {
      const alice = await login(node.url!, 'alice@heraldo.test');
      const bob = await login(node.url!, 'bob@heraldo.test');
      // Twice over, opened all at once: the cap holds under parallel handshakes, and every
      // slot comes back (a node that kept them would refuse the second round).
      for (let round = 0; round < 2; round++) {
        const tries = await Promise.all(Array.from({ length: 12 }, () => connectLive(node.url!, { token: alice.token }).catch((e: Error) => e.message)));
        const open = tries.filter((t): t is LiveClient => typeof t !== 'string');
        expect(open, `round ${round}`).toHaveLength(5);
        expect(tries.filter((t) => typeof t === 'string')).toEqual(Array(7).fill('too_many_connections'));
        const other = await connectLive(node.url!, { token: bob.token }); // someone else is not affected
        other.close();
        for (const c of open) c.close();
        await waitUntil(() => node.io!.of('/').sockets.size === 0, 10_000, 'the sockets to close');
      }
    } finally {
      await node.stop();
    }
  });

  it('limits the handshakes one address may start in a minute, behind a trusted proxy too', { timeout: 60_000 }, async () => {
    const node = await world.start({ HERALDO_SERVICES: 'api', SOCKET_CONNECTS_PER_MINUTE: '8', TRUST_PROXY: 'loopback' });
    try {
      const carol = await login(node.url!, 'carol@heraldo.test');
      const open = (ip: string) => connectLive(node.url!, { token: carol.token }, { 'x-forwarded-for': ip }).then((c) => (c.close(), 'ok'), (e: Error) => e.message);
      const replies: string[] = [];
      for (let i = 0; i < 10; i++) replies.push(await open('198.51.100.40'));
      expect(replies.slice(0, 8)).toEqual(Array(8).fill('ok'));
      expect(replies.slice(8)).not.toContain('ok');
      expect(await open('198.51.100.41')).toBe('ok'); // another address has its own count
    } finally {
      await node.stop();
    }
  });
});
