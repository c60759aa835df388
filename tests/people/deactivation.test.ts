// Deactivation takes effect at once, on every node: the person's sessions answer 401, their
// sockets on both api nodes are closed, the next fan-out leaves them out (no notification, no
// email), and what they received before stays in the records and the numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { connectLive, createWorld, departmentIds, login, waitUntil, type Client, type LiveClient, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let apiA: Heraldo;
let apiB: Heraldo;
let sink: SmtpSink;
let admin: Client;
let comms: Client;
let dept: Record<string, string>;

beforeAll(async () => {
  sink = await startSmtpSink();
  world = await createWorld({ SMTP_URL: sink.url });
  apiA = await world.start({ HERALDO_SERVICES: 'api' });
  apiB = await world.start({ HERALDO_SERVICES: 'api' });
  await world.start({ HERALDO_SERVICES: 'worker' });
  admin = await login(apiA.url!, 'admin@heraldo.test');
  comms = await login(apiB.url!, 'comms@heraldo.test');
  dept = await departmentIds(world.prisma);
});
afterAll(async () => {
  await world?.close();
  await sink?.stop();
});

type Stats = { recipients: number; channels: { email: { sent: number; pending: number } } };

async function publish(title: string, audience: unknown): Promise<string> {
  const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: { title, body: 'x', audience, channels: ['in_app', 'email'] } });
  expect(res.status).toBe(201);
  await waitUntil(async () => Boolean((await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fannedOutAt), 15_000, `fan-out of ${title}`);
  return res.body.id;
}

const closed = (live: LiveClient) => new Promise<string>((resolve) => live.socket.once('disconnect', (reason) => resolve(reason)));

describe('deactivating a person', () => {
  it('ends sessions and sockets on every node at once, leaves them out of later audiences, keeps the past', async () => {
    const aliceA = await login(apiA.url!, 'alice@heraldo.test');
    const aliceB = await login(apiB.url!, 'alice@heraldo.test');
    const alice = aliceA.user.id;
    const liveA = await connectLive(apiA.url!, { token: aliceA.token });
    const liveB = await connectLive(apiB.url!, { token: aliceB.token });
    // Someone else's socket stays open throughout.
    const bob = await login(apiB.url!, 'bob@heraldo.test');
    const bobLive = await connectLive(apiB.url!, { token: bob.token });

    // Before: alice gets the company-wide announcement and the IT one, live and by email.
    const before = await publish('Before she left', { type: 'all' });
    const beforeIt = await publish('IT, before', { type: 'departments', departmentIds: [dept.it] });
    await liveA.waitFor(2);
    await waitUntil(() => sink.messages.filter((m) => m.to.includes('alice@heraldo.test')).length === 2, 15_000, "alice's two emails");
    const statsBefore = (await comms.json<Stats>(`/api/announcements/${before}/stats`)).body;

    const cuts = [closed(liveA), closed(liveB)];
    const res = await admin.json<{ active: boolean }>(`/api/admin/users/${alice}`, { method: 'PATCH', body: { active: false } });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    // Both sockets, on both nodes, are closed by the server.
    expect(await Promise.race([Promise.all(cuts), new Promise((r) => setTimeout(() => r('timeout'), 5_000))])).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bobLive.socket.connected).toBe(true);
    // Every session answers 401, on either node; a new socket and a new sign-in are refused.
    expect((await aliceA.json('/api/me')).status).toBe(401);
    expect((await aliceB.json('/api/inbox')).status).toBe(401);
    await expect(connectLive(apiB.url!, { token: aliceB.token })).rejects.toThrow('unauthorized');
    await expect(login(apiA.url!, 'alice@heraldo.test')).rejects.toThrow(/401/);
    const event = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.deactivate', targetId: alice } });
    expect(event.details).toMatchObject({ changes: { active: { from: true, to: false } } });

    // Later fan-outs leave her out, whole company and her department alike: no notification, no email.
    const mailsBefore = sink.messages.length;
    const after = await publish('After she left', { type: 'all' });
    const afterIt = await publish('IT, after', { type: 'departments', departmentIds: [dept.it] });
    const notified = await world.prisma.notification.findMany({ where: { announcementId: { in: [after, afterIt] } }, select: { userId: true } });
    expect(notified.map((n) => n.userId)).not.toContain(alice);
    expect(notified.length).toBeGreaterThan(0);
    const itManager = await world.prisma.user.findUniqueOrThrow({ where: { email: 'it.manager@heraldo.test' } });
    expect(notified.map((n) => n.userId)).toContain(itManager.id);
    await waitUntil(async () => (await comms.json<Stats>(`/api/announcements/${after}/stats`)).body.channels.email.pending === 0, 15_000, 'emails sent');
    expect(sink.messages.slice(mailsBefore).some((m) => m.to.includes('alice@heraldo.test'))).toBe(false);
    expect((await comms.json<Stats>(`/api/announcements/${after}/stats`)).body.recipients).toBe(statsBefore.recipients - 1);

    // The past stays: her notifications, deliveries, and the numbers of what she received.
    expect(await world.prisma.notification.count({ where: { userId: alice, announcementId: { in: [before, beforeIt] } } })).toBe(2);
    expect((await comms.json<Stats>(`/api/announcements/${before}/stats`)).body).toEqual(statsBefore);
    const recipients = await comms.json<{ items: { email: string }[] }>(`/api/announcements/${beforeIt}/recipients`);
    expect(recipients.status).toBe(200);

    // Reactivated: she may sign in again, but the sessions of before stay ended.
    expect((await admin.json(`/api/admin/users/${alice}`, { method: 'PATCH', body: { active: true } })).status).toBe(200);
    expect((await aliceA.json('/api/me')).status).toBe(401);
    const back = await login(apiB.url!, 'alice@heraldo.test');
    expect((await back.json('/api/me')).status).toBe(200);
    bobLive.close();
  });
});
