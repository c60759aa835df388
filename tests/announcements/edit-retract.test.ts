// Editing and retracting a published announcement, end to end: real Postgres and Redis, an
// SMTP sink, the fake Slack, and socket.io clients of recipients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import type { NotificationPayload } from '../../server/inbox/notifications.js';
import { connectLive, createWorld, departmentIds, login, sleep, waitUntil, type Client, type LiveClient, type World } from '../support/harness.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let slack: FakeSlack;
let comms: Client;
let itManager: Client;
let hrManager: Client;
let alice: Client;
let dept: Record<string, string>;

type Inbox = { items: NotificationPayload[]; unreadCount: number };
type Updated = { announcementId: string; title: string; bodyHtml: string; priority: string; editedAt: string };

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  world = await createWorld({
    SMTP_URL: smtp.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.url,
    SLACK_COMPANY_CHANNEL: 'C_ALL',
    PUBLIC_URL: 'https://heraldo.example.com',
  });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  itManager = await login(node.url!, 'it.manager@heraldo.test');
  hrManager = await login(node.url!, 'hr.manager@heraldo.test');
  alice = await login(node.url!, 'alice@heraldo.test');
  dept = await departmentIds(world.prisma);
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
  await slack.stop();
});

let n = 0;
async function publish(by: Client, extra: Record<string, unknown> = {}) {
  const title = `Life ${++n}`;
  const res = await by.json<{ id: string; status: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: 'The **first** text.', channels: ['in_app', 'email', 'slack'], audience: { type: 'departments', departmentIds: [dept.it] }, ...extra },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, title };
}

/** Waits for the fan-out and every email and Slack send of the announcement. */
async function settled(id: string) {
  await waitUntil(async () => {
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    const pending = await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending', dueAt: null } });
    return !a.fanoutPending && pending === 0;
  }, 20_000, 'fan-out and sends');
}

const inbox = async (c: Client, q = '') => (await c.json<Inbox>(`/api/inbox${q}`)).body;

function listen(live: LiveClient) {
  const updated: Updated[] = [];
  const removed: { announcementId: string }[] = [];
  live.socket.on('notification:updated', (e: Updated) => updated.push(e));
  live.socket.on('notification:removed', (e: { announcementId: string }) => removed.push(e));
  return { updated, removed };
}

describe('edit', () => {
  it('updates every inbox and connected client, edits the Slack post in place, and sends no email again', async () => {
    const { id, title } = await publish(comms);
    await settled(id);
    const mails = smtp.messages.length;
    const post = slack.posts.find((p) => p.text.includes(title))!;
    expect(post.channel).toBe('C_IT');
    const live = await connectLive(node.url!, { token: alice.token });
    const events = listen(live);

    const res = await comms.json<{ title: string; editedAt: string; bodyHtml: string; status: string }>(`/api/announcements/${id}`, {
      method: 'PATCH',
      body: { title: `${title} (corrected)`, body: 'The *second* text.' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: `${title} (corrected)`, status: 'published' });
    expect(res.body.bodyHtml).toContain('<em>second</em>');
    expect(Date.parse(res.body.editedAt)).toBeGreaterThan(0);

    // The live event: exactly the contract's fields, plus the inbox snippet of the new text.
    await waitUntil(() => events.updated.length === 1, 10_000, 'notification:updated');
    expect(events.updated[0]).toEqual({
      announcementId: id, title: `${title} (corrected)`, bodyHtml: expect.stringContaining('<em>second</em>'), snippet: 'The second text.', priority: 'normal', editedAt: res.body.editedAt,
    });
    // The inbox item.
    const item = (await inbox(alice)).items.find((i) => i.announcementId === id)!;
    expect(item).toMatchObject({ title: `${title} (corrected)`, editedAt: res.body.editedAt, snippet: 'The second text.' });
    expect(item.bodyHtml).toContain('<em>second</em>');
    // Slack: chat.update on the same channel and ts; the post now reads the new text.
    await waitUntil(() => slack.changes.some((c) => c.ts === post.ts), 15_000, 'chat.update');
    const update = slack.changes.find((c) => c.ts === post.ts)!;
    expect(update).toMatchObject({ method: 'chat.update', channel: 'C_IT' });
    expect(update.text).toContain('(corrected)');
    expect(JSON.stringify(update.blocks)).toContain('second');
    expect(slack.posts.filter((p) => p.text.includes(title))).toHaveLength(1);
    // No email again, and no new delivery rows.
    await sleep(1_000);
    expect(smtp.messages.length).toBe(mails);
    expect(await world.prisma.delivery.count({ where: { announcementId: id } })).toBe(3); // 2 emails, 1 post
    const audit = await world.prisma.auditEvent.findMany({ where: { action: 'announcement.edit', targetId: id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'user', actorName: 'Carmen Comms', details: { fields: ['title', 'body'], before: { title } } });

    // A second edit is a second chat.update (the job id carries the edit's version).
    const again = await comms.json(`/api/announcements/${id}`, { method: 'PATCH', body: { priority: 'high' } });
    expect(again.status).toBe(200);
    await waitUntil(() => slack.changes.filter((c) => c.ts === post.ts).length === 2, 15_000, 'second chat.update');
    await waitUntil(() => events.updated.length === 2, 10_000, 'second notification:updated');
    expect(events.updated[1]!.priority).toBe('high');
    live.close();
  });

  it('lets the author and staff edit; other managers and employees get 404', async () => {
    const { id } = await publish(itManager);
    expect((await hrManager.json(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'x' } })).status).toBe(404);
    expect((await alice.json(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'x' } })).status).toBe(404);
    expect((await itManager.json(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'By the author' } })).status).toBe(200);
    expect((await comms.json(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'By staff' } })).status).toBe(200);
  });

  it('refuses bad input by field, and changes nothing', async () => {
    const { id, title } = await publish(comms);
    const bad = async (body: unknown) => comms.json<{ error: { code: string; fields?: Record<string, string> } }>(`/api/announcements/${id}`, { method: 'PATCH', body });
    expect((await bad({ title: 'ok', audience: { type: 'all' } })).body.error.fields).toHaveProperty('audience');
    expect((await bad({})).status).toBe(400);
    expect((await bad({ title: '' })).body.error.fields).toHaveProperty('title');
    expect((await bad({ priority: 'critical' })).body.error.fields).toHaveProperty('priority');
    expect((await bad({ expiresAt: '2001-01-01T00:00:00Z' })).body.error.fields).toHaveProperty('expiresAt');
    expect((await bad({ expiresAt: 'tomorrow' })).body.error.fields).toHaveProperty('expiresAt');
    expect((await bad([1, 2])).status).toBe(400);
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(a).toMatchObject({ title, editedAt: null });
  });

  it('answers 409 not_published for a scheduled or retracted announcement, without a partial change', async () => {
    const scheduled = await publish(comms, { scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    const res = await comms.json<{ error: { code: string } }>(`/api/announcements/${scheduled.id}`, { method: 'PATCH', body: { title: 'Too early', priority: 'urgent' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_published');
    expect(await world.prisma.announcement.findUniqueOrThrow({ where: { id: scheduled.id } })).toMatchObject({ title: scheduled.title, priority: 'normal', editedAt: null });

    const { id, title } = await publish(comms);
    await settled(id);
    expect((await comms.json(`/api/announcements/${id}/retract`, { method: 'POST' })).status).toBe(200);
    const late = await comms.json<{ error: { code: string } }>(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'Too late' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('not_published');
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id } })).title).toBe(title);
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.edit', targetId: { in: [id, scheduled.id] } } })).toBe(0);
  });
});

describe('retract', () => {
  it('removes it from every inbox and client, deletes the Slack post, skips unsent emails; staff still see it', async () => {
    // Alice's quiet hours cover the whole day but a minute: her email is held, pending.
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await world.prisma.user.update({
      where: { email: 'alice@heraldo.test' },
      data: { timezone: 'UTC', quietHoursStart: hhmm(new Date(now.getTime() - 3_600_000)), quietHoursEnd: hhmm(new Date(now.getTime() + 3_600_000)) },
    });
    const { id, title } = await publish(comms);
    await settled(id);
    const held = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, target: 'alice@heraldo.test' } });
    expect(held.status).toBe('pending');
    expect(held.dueAt).not.toBeNull();
    const post = slack.posts.find((p) => p.text.includes(title))!;
    const before = await inbox(alice);
    expect(before.items.some((i) => i.announcementId === id)).toBe(true);
    const live = await connectLive(node.url!, { token: alice.token });
    const events = listen(live);

    const res = await comms.json<{ id: string; status: string; retractedAt: string }>(`/api/announcements/${id}/retract`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'retracted' });

    await waitUntil(() => events.removed.length === 1, 10_000, 'notification:removed');
    expect(events.removed[0]).toEqual({ announcementId: id });
    const after = await inbox(alice);
    expect(after.items.some((i) => i.announcementId === id)).toBe(false);
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    // The held email will never go: skipped, reason retracted.
    expect(await world.prisma.delivery.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: 'skipped', error: 'retracted' });
    // Slack: chat.delete of the very post.
    await waitUntil(() => slack.changes.some((c) => c.ts === post.ts && c.method === 'chat.delete'), 15_000, 'chat.delete');
    expect(slack.posts.find((p) => p.ts === post.ts)!.deleted).toBe(true);
    // Staff still see it, and its numbers.
    const seen = await comms.json<{ status: string; retractedAt: string }>(`/api/announcements/${id}`);
    expect(seen.body).toMatchObject({ status: 'retracted', retractedAt: res.body.retractedAt });
    const stats = await comms.json<{ status: string; skipped: { email: { retracted: number } } }>(`/api/announcements/${id}/stats`);
    expect(stats.body.status).toBe('retracted');
    expect(stats.body.skipped.email.retracted).toBe(1);
    expect((await comms.json<{ id: string; status: string }[]>('/api/announcements')).body.find((a) => a.id === id)?.status).toBe('retracted');
    // Reading it is no longer possible for the recipient.
    expect((await alice.json(`/api/inbox/${held.notificationId}/read`, { method: 'POST' })).status).toBe(404);
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.retract', targetId: id } })).toBe(1);
    // Again: 409.
    const twice = await comms.json<{ error: { code: string } }>(`/api/announcements/${id}/retract`, { method: 'POST' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('not_published');
    live.close();
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { quietHoursStart: null, quietHoursEnd: null, timezone: 'America/New_York' } });
  });

  it('reaches recipients connected to another api node', async () => {
    const other = await world.start({ HERALDO_SERVICES: 'api' });
    const { id } = await publish(comms);
    await settled(id);
    const live = await connectLive(other.url!, { token: alice.token });
    const events = listen(live);
    await comms.json(`/api/announcements/${id}`, { method: 'PATCH', body: { title: 'Seen elsewhere' } });
    await comms.json(`/api/announcements/${id}/retract`, { method: 'POST' });
    await waitUntil(() => events.updated.length === 1 && events.removed.length === 1, 10_000, 'events on the other node');
    expect(events.updated[0]!.title).toBe('Seen elsewhere');
    live.close();
  });
});
