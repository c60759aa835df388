// Reminders to confirm: automatic (due time in Postgres, swept by the workers) and on demand
// (one an hour), only to those who have not confirmed, by email, in their language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { mimeParts } from '../support/mime.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let comms: Client;
let alice: Client;
let dept: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://heraldo.example.com' });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  alice = await login(node.url!, 'alice@heraldo.test');
  dept = await departmentIds(world.prisma);
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
});

let n = 0;
/** To IT and HR: alice, it.manager (en), bob, hr.manager (es). */
async function publish(extra: Record<string, unknown> = {}) {
  const title = `Confirm policy ${++n}`;
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: 'Read the **policy**.', channels: ['in_app'], requireAck: true, audience: { type: 'departments', departmentIds: [dept.it, dept.hr] }, ...extra },
  });
  expect(res.status).toBe(201);
  if (!extra.scheduledAt) await waitUntil(async () => !(await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fanoutPending, 15_000, 'fan-out');
  return { id: res.body.id, title };
}

const remindersOf = (title: string) => smtp.messages.filter((m) => m.header('subject')?.endsWith(`Reminder: ${title}`));

async function ackAsAlice(id: string) {
  const item = (await alice.json<{ items: { id: string; announcementId: string }[] }>('/api/inbox')).body.items.find((i) => i.announcementId === id)!;
  expect((await alice.json(`/api/inbox/${item.id}/ack`, { method: 'POST' })).status).toBe(200);
}

describe('automatic reminders', () => {
  it('validates remindAfterHours: 1 to 720, only with requireAck', async () => {
    const post = (body: Record<string, unknown>) =>
      comms.json<{ error: { fields: Record<string, string> } }>('/api/announcements', {
        method: 'POST',
        body: { title: 'x', body: 'y', channels: ['in_app'], audience: { type: 'all' }, ...body },
      });
    for (const bad of [0, 721, 1.5, '3', -1]) {
      const res = await post({ requireAck: true, remindAfterHours: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(res.body.error.fields).toHaveProperty('remindAfterHours');
    }
    const noAck = await post({ remindAfterHours: 24 });
    expect(noAck.status).toBe(400);
    expect(noAck.body.error.fields.remindAfterHours).toMatch(/requireAck/);
    expect(await world.prisma.announcement.count({ where: { title: 'x' } })).toBe(0);
  });

  it('is due remindAfterHours after publishing, and reminds only those who have not confirmed, in their language', async () => {
    const before = Date.now();
    const { id, title } = await publish({ remindAfterHours: 24 });
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(a.remindAfterHours).toBe(24);
    expect(a.remindDueAt!.getTime() - a.publishedAt!.getTime()).toBe(24 * 3_600_000);
    expect(a.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await ackAsAlice(id);
    // Not due yet: nothing happens.
    await sleep(1_500);
    expect(remindersOf(title)).toHaveLength(0);

    // Make it due now (instead of waiting a day).
    await world.prisma.announcement.update({ where: { id }, data: { remindDueAt: new Date(Date.now() - 1000) } });
    await waitUntil(() => remindersOf(title).length === 3, 15_000, 'three reminders');
    const to = remindersOf(title).flatMap((m) => m.to).sort();
    expect(to).toEqual(['bob@heraldo.test', 'hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    const bob = remindersOf(title).find((m) => m.to.includes('bob@heraldo.test'))!;
    expect(bob.header('subject')).toBe(`Reminder: ${title}`);
    const text = mimeParts(bob.raw).find((p) => p.type === 'text/plain')!.body;
    expect(text).toContain('Un recordatorio');
    expect(text).toContain('https://heraldo.example.com/inbox/');
    const html = mimeParts(bob.raw).find((p) => p.type === 'text/html')!.body;
    expect(html).toContain('<strong>policy</strong>');
    const ian = remindersOf(title).find((m) => m.to.includes('it.manager@heraldo.test'))!;
    expect(mimeParts(ian.raw).find((p) => p.type === 'text/plain')!.body).toContain('you have not confirmed');

    const after = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ remindDueAt: null, reminderRounds: 1 });
    // The sink has them a moment before each send is recorded.
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: id, kind: 'reminder', status: 'sent' } })) === 3, 5_000, 'recorded');
    const rows = await world.prisma.delivery.findMany({ where: { announcementId: id, kind: 'reminder' } });
    expect(rows.map((r) => [r.round, r.status])).toEqual(Array(3).fill([1, 'sent']));
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.remind', targetId: id } });
    expect(audit).toMatchObject({ actorType: 'system', details: { round: 1, reminded: 3, automatic: true } });
    // Sent once: further sweeps add nothing.
    await sleep(1_500);
    expect(remindersOf(title)).toHaveLength(3);

    // The stats keep reminders apart from the announcement's own emails.
    const stats = await comms.json<{ channels: { email: { sent: number } }; reminders: { rounds: number; email: { sent: number } } }>(`/api/announcements/${id}/stats`);
    expect(stats.body.channels.email.sent).toBe(0);
    expect(stats.body.reminders).toMatchObject({ rounds: 1, email: { sent: 3 } });
  });

  it('puts [URGENT] first for urgent announcements', async () => {
    const { id, title } = await publish({ priority: 'urgent', channels: ['in_app'], remindAfterHours: 1 });
    await world.prisma.announcement.update({ where: { id }, data: { remindDueAt: new Date(Date.now() - 1000) } });
    await waitUntil(() => remindersOf(title).length === 4, 15_000, 'urgent reminders');
    for (const m of remindersOf(title)) expect(m.header('subject')).toBe(`[URGENT] Reminder: ${title}`);
  });

  it('counts a scheduled announcement\'s reminder from its publication', async () => {
    const { id } = await publish({ remindAfterHours: 2, scheduledAt: new Date(Date.now() + 3_000).toISOString() });
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id } })).remindDueAt).toBeNull();
    await waitUntil(async () => (await world.prisma.announcement.findUniqueOrThrow({ where: { id } })).remindDueAt !== null, 20_000, 'publication');
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(a.remindDueAt!.getTime() - a.publishedAt!.getTime()).toBe(2 * 3_600_000);
  });

  it('is dropped when the announcement is retracted', async () => {
    const { id, title } = await publish({ remindAfterHours: 1 });
    expect((await comms.json(`/api/announcements/${id}/retract`, { method: 'POST' })).status).toBe(200);
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id } })).remindDueAt).toBeNull();
    // Even with a due time forced back, a retracted one is not swept.
    await world.prisma.announcement.update({ where: { id }, data: { remindDueAt: new Date(Date.now() - 1000) } });
    await sleep(2_000);
    expect(remindersOf(title)).toHaveLength(0);
    expect(await world.prisma.delivery.count({ where: { announcementId: id, kind: 'reminder' } })).toBe(0);
  });

  it('survives a restart of the workers: the due time is in Postgres', async () => {
    const { id, title } = await publish({ remindAfterHours: 1 });
    await node.stop();
    // Redis loses everything meanwhile: the reminder does not live there.
    await world.prisma.announcement.update({ where: { id }, data: { remindDueAt: new Date(Date.now() - 1000) } });
    node = await world.start();
    comms = await login(node.url!, 'comms@heraldo.test');
    alice = await login(node.url!, 'alice@heraldo.test');
    await waitUntil(() => remindersOf(title).length === 4, 20_000, 'reminders after the restart');
    await sleep(1_500);
    expect(remindersOf(title)).toHaveLength(4);
  });
});

describe('reminding now', () => {
  it('answers 202 {reminded}, reminds only the unconfirmed, then 429 within the hour', async () => {
    const { id, title } = await publish();
    await ackAsAlice(id);
    const res = await comms.json<{ reminded: number }>(`/api/announcements/${id}/remind`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ reminded: 3 });
    await waitUntil(() => remindersOf(title).length === 3, 15_000, 'reminders');
    expect(remindersOf(title).some((m) => m.to.includes('alice@heraldo.test'))).toBe(false);

    const again = await comms.fetch(`/api/announcements/${id}/remind`, { method: 'POST' });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(3_500);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('remind_too_soon');
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.remind', targetId: id } })).toBe(1);

    // An hour later (moved back in the database), the next round reaches whoever still has not
    // confirmed: bob confirms meanwhile.
    const bob = await login(node.url!, 'bob@heraldo.test');
    const item = (await bob.json<{ items: { id: string; announcementId: string }[] }>('/api/inbox')).body.items.find((i) => i.announcementId === id)!;
    await bob.json(`/api/inbox/${item.id}/ack`, { method: 'POST' });
    await world.prisma.announcement.update({ where: { id }, data: { lastRemindedAt: new Date(Date.now() - 3_600_001) } });
    const round2 = await comms.json<{ reminded: number }>(`/api/announcements/${id}/remind`, { method: 'POST' });
    expect(round2).toEqual({ status: 202, body: { reminded: 2 } });
    await waitUntil(() => remindersOf(title).length === 5, 15_000, 'second round');
    const rows = await world.prisma.delivery.findMany({ where: { announcementId: id, kind: 'reminder', round: 2 } });
    expect(rows.map((r) => r.target).sort()).toEqual(['hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    const audit = await world.prisma.auditEvent.findMany({ where: { action: 'announcement.remind', targetId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => [e.actorName, (e.details as { round: number }).round])).toEqual([['Carmen Comms', 1], ['Carmen Comms', 2]]);
  });

  it('refuses what has nothing to confirm, is not published, or is not yours', async () => {
    const plain = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title: 'No ack', body: 'x', channels: ['in_app'], audience: { type: 'all' } },
    });
    const res = await comms.json<{ error: { code: string } }>(`/api/announcements/${plain.body.id}/remind`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('not_ack_required');
    const scheduled = await publish({ scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await comms.json<{ error: { code: string } }>(`/api/announcements/${scheduled.id}/remind`, { method: 'POST' })).body.error.code).toBe('not_published');
    const { id } = await publish();
    expect((await alice.json(`/api/announcements/${id}/remind`, { method: 'POST' })).status).toBe(404);
  });
});
