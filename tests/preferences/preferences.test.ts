// Each employee's email choices, end to end: the preferences API, what the fan-out does with
// them (mandatory, skipped, held for quiet hours, gathered for the 08:00 digest), and held
// emails going out once when due, across a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { nextLocalTime, quietHoursEnd } from '../../server/preferences/time.js';
import { createWorld, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { mimeParts } from '../support/mime.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let comms: Client;
let bob: Client;

type Prefs = { email: string; quietHours: { start: string; end: string } | null; desktop: boolean };

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://heraldo.example.com' });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  bob = await login(node.url!, 'bob@heraldo.test');
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
});

describe('GET/PATCH /api/me/preferences', () => {
  it('starts at all, no quiet hours, no desktop notifications', async () => {
    expect(await bob.json('/api/me/preferences')).toEqual({ status: 200, body: { email: 'all', quietHours: null, desktop: false } });
  });

  it('changes only what is sent, and reads back the same', async () => {
    const res = await bob.json<Prefs>('/api/me/preferences', { method: 'PATCH', body: { quietHours: { start: '22:00', end: '07:30' } } });
    expect(res).toEqual({ status: 200, body: { email: 'all', quietHours: { start: '22:00', end: '07:30' }, desktop: false } });
    await bob.json('/api/me/preferences', { method: 'PATCH', body: { email: 'digest', desktop: true } });
    expect((await bob.json<Prefs>('/api/me/preferences')).body).toEqual({ email: 'digest', quietHours: { start: '22:00', end: '07:30' }, desktop: true });
    await bob.json('/api/me/preferences', { method: 'PATCH', body: { quietHours: null, email: 'all', desktop: false } });
    expect((await bob.json<Prefs>('/api/me/preferences')).body).toEqual({ email: 'all', quietHours: null, desktop: false });
  });

  it('answers 400 naming the field, and writes nothing', async () => {
    const bad = async (body: unknown) => bob.json<{ error: { code: string; fields: Record<string, string> } }>('/api/me/preferences', { method: 'PATCH', body });
    const cases: [unknown, string][] = [
      [{ email: 'sometimes' }, 'email'],
      [{ email: null }, 'email'],
      [{ desktop: 'yes' }, 'desktop'],
      [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
      [{ quietHours: { start: '22:00', end: '7:00' } }, 'quietHours.end'],
      [{ quietHours: { start: '22:00' } }, 'quietHours.end'],
      [{ quietHours: { start: '08:00', end: '08:00' } }, 'quietHours.end'],
      [{ quietHours: '22:00-07:00' }, 'quietHours'],
      [{ email: 'none', sms: true }, 'sms'],
    ];
    for (const [body, field] of cases) {
      const res = await bad(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await bad({})).status).toBe(400);
    expect((await bob.json<Prefs>('/api/me/preferences')).body).toEqual({ email: 'all', quietHours: null, desktop: false });
  });
});

/** Sets people's choices straight in the database (the API is tested above). */
async function choose(email: string, data: { emailPreference?: 'all' | 'important' | 'digest' | 'none'; quietHoursStart?: string | null; quietHoursEnd?: string | null; timezone?: string }) {
  await world.prisma.user.update({ where: { email }, data });
}

let n = 0;
async function publishToAll(extra: Record<string, unknown> = {}) {
  const title = `Choices ${++n}`;
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title, body: 'News for **everyone**.', channels: ['email'], audience: { type: 'all' }, ...extra },
  });
  expect(res.status).toBe(201);
  await waitUntil(async () => !(await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fanoutPending, 15_000, 'fan-out');
  return { id: res.body.id, title };
}

const deliveries = async (id: string) =>
  Object.fromEntries((await world.prisma.delivery.findMany({ where: { announcementId: id, channel: 'email' } })).map((d) => [d.target, d]));
const mailsTo = (title: string) => smtp.messages.filter((m) => m.header('subject') === title).flatMap((m) => m.to).sort();

describe('at fan-out', () => {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  let quietStart: string;
  let quietEnd: string;

  beforeAll(async () => {
    // carol: none; dan: important only; bob: daily digest (Europe/Madrid); alice: quiet hours
    // around now (UTC), crossing midnight when now is late.
    const now = new Date();
    quietStart = hhmm(new Date(now.getTime() - 3_600_000));
    quietEnd = hhmm(new Date(now.getTime() + 2 * 3_600_000));
    await choose('carol@heraldo.test', { emailPreference: 'none' });
    await choose('dan@heraldo.test', { emailPreference: 'important' });
    await choose('bob@heraldo.test', { emailPreference: 'digest' });
    await choose('alice@heraldo.test', { timezone: 'UTC', quietHoursStart: quietStart, quietHoursEnd: quietEnd });
  });

  it('skips, holds and sends a normal announcement as each person chose', async () => {
    const publishedAt = new Date();
    const { id, title } = await publishToAll();
    const d = await deliveries(id);
    expect(d['carol@heraldo.test']).toMatchObject({ status: 'skipped', error: 'preference', dueAt: null });
    expect(d['dan@heraldo.test']).toMatchObject({ status: 'skipped', error: 'preference', dueAt: null });
    // bob: held for his next 08:00 in Madrid.
    expect(d['bob@heraldo.test']).toMatchObject({ status: 'pending', digest: true });
    const bobDue = d['bob@heraldo.test']!.dueAt!;
    const expected = nextLocalTime(publishedAt, 'Europe/Madrid', '08:00');
    expect(Math.abs(bobDue.getTime() - expected.getTime())).toBeLessThan(60_000 * 2); // the minute may turn between the two
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' }).format(bobDue)).toBe('08:00');
    // alice: held until her quiet hours end.
    expect(d['alice@heraldo.test']).toMatchObject({ status: 'pending', digest: false });
    expect(d['alice@heraldo.test']!.dueAt!.toISOString()).toBe(quietHoursEnd(publishedAt, 'UTC', quietStart, quietEnd)!.toISOString());
    // Everyone else at once.
    await waitUntil(() => mailsTo(title).length === 4, 15_000, 'the others\' emails');
    expect(mailsTo(title)).toEqual(['admin@heraldo.test', 'comms@heraldo.test', 'hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    await sleep(1_000);
    expect(mailsTo(title)).toHaveLength(4);

    const stats = await comms.json<{ channels: { email: Record<string, number> }; skipped: { email: Record<string, number> } }>(`/api/announcements/${id}/stats`);
    expect(stats.body.channels.email).toEqual({ pending: 2, sent: 4, failed: 0, skipped: 2 });
    expect(stats.body.skipped.email).toEqual({ preference: 2, retracted: 0, off: 0, other: 0 });
  });

  it('sends a high-priority one to `important` people, and holds it only for quiet hours', async () => {
    const { id, title } = await publishToAll({ priority: 'high' });
    const d = await deliveries(id);
    expect(d['carol@heraldo.test']).toMatchObject({ status: 'skipped', error: 'preference' });
    expect(d['bob@heraldo.test']).toMatchObject({ digest: false, dueAt: null }); // digest people get high ones at once
    expect(d['alice@heraldo.test']!.dueAt).not.toBeNull();
    await waitUntil(() => mailsTo(title).length === 6, 15_000, 'emails');
    expect(mailsTo(title)).toContain('dan@heraldo.test');
  });

  for (const [label, extra] of [['urgent', { priority: 'urgent' }], ['read-and-confirm', { requireAck: true }]] as const) {
    it(`emails ${label} announcements to everyone at once, whatever they chose`, async () => {
      const { id, title } = await publishToAll(extra);
      const subject = label === 'urgent' ? `[URGENT] ${title}` : title;
      await waitUntil(() => smtp.messages.filter((m) => m.header('subject') === subject).length === 8, 15_000, 'eight emails');
      // The sink has them a moment before each send is recorded.
      await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: id, status: 'sent' } })) === 8, 5_000, 'recorded');
      const d = await deliveries(id);
      for (const row of Object.values(d)) expect(row).toMatchObject({ status: 'sent', dueAt: null, digest: false });
    });
  }

  it('sends a held email once its time comes, once, even across a restart', async () => {
    const { id, title } = await publishToAll();
    const held = (await deliveries(id))['alice@heraldo.test']!;
    expect(held.status).toBe('pending');
    await node.stop();
    // Its time comes while no worker runs.
    await world.prisma.delivery.update({ where: { id: held.id }, data: { dueAt: new Date(Date.now() - 1000) } });
    node = await world.start();
    comms = await login(node.url!, 'comms@heraldo.test');
    await waitUntil(() => mailsTo(title).includes('alice@heraldo.test'), 15_000, 'the held email');
    await sleep(2_000); // several sweeps
    expect(mailsTo(title).filter((t) => t === 'alice@heraldo.test')).toHaveLength(1);
    expect((await world.prisma.delivery.findUniqueOrThrow({ where: { id: held.id } })).status).toBe('sent');
  });

  it('gathers every normal announcement held for the digest into one email at its time', async () => {
    // Earlier tests held some for bob too: send them all now, then start afresh.
    const first = await publishToAll();
    const second = await publishToAll({ body: 'Second *digest* item.' });
    const rows = await world.prisma.delivery.findMany({ where: { target: 'bob@heraldo.test', digest: true, status: 'pending' } });
    expect(rows.map((r) => r.announcementId)).toEqual(expect.arrayContaining([first.id, second.id]));
    const digestsBefore = smtp.messages.filter((m) => m.to.includes('bob@heraldo.test') && m.header('x-heraldo-digest')).length;
    // 08:00 in Madrid comes (forced: a minute ago).
    await world.prisma.delivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { dueAt: new Date(Date.now() - 60_000) } });
    const digests = () => smtp.messages.filter((m) => m.to.includes('bob@heraldo.test') && m.header('x-heraldo-digest'));
    await waitUntil(() => digests().length === digestsBefore + 1, 15_000, 'the digest');
    await sleep(1_500);
    expect(digests()).toHaveLength(digestsBefore + 1);
    const mail = digests().at(-1)!;
    expect(mail.header('x-heraldo-digest')).toBe(String(rows.length));
    expect(mail.header('subject')).toBe(`Tu resumen diario: ${rows.length} anuncios`); // bob reads Spanish
    const text = mimeParts(mail.raw).find((p) => p.type === 'text/plain')!.body;
    expect(text).toContain(first.title);
    expect(text).toContain(second.title);
    expect(text).toContain('https://heraldo.example.com/inbox/');
    expect(mimeParts(mail.raw).find((p) => p.type === 'text/html')!.body).toContain('<em>digest</em>');
    // All its rows marked sent together, with the digest's Message-ID.
    const after = await world.prisma.delivery.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(new Set(after.map((r) => r.status))).toEqual(new Set(['sent']));
    expect(new Set(after.map((r) => r.providerId)).size).toBe(1);
    expect(after[0]!.providerId).toMatch(/^<digest-/);
  });

  it('leaves a retracted announcement out of the digest', async () => {
    const kept = await publishToAll();
    const dropped = await publishToAll();
    expect((await comms.json(`/api/announcements/${dropped.id}/retract`, { method: 'POST' })).status).toBe(200);
    const rows = await world.prisma.delivery.findMany({ where: { target: 'bob@heraldo.test', digest: true, announcementId: { in: [kept.id, dropped.id] } } });
    expect(rows.find((r) => r.announcementId === dropped.id)).toMatchObject({ status: 'skipped', error: 'retracted' });
    await world.prisma.delivery.updateMany({ where: { id: { in: rows.map((r) => r.id) }, status: 'pending' }, data: { dueAt: new Date(Date.now() - 60_000) } });
    await waitUntil(async () => (await world.prisma.delivery.findUniqueOrThrow({ where: { id: rows.find((r) => r.announcementId === kept.id)!.id } })).status === 'sent', 15_000, 'digest');
    const mail = smtp.messages.filter((m) => m.to.includes('bob@heraldo.test') && m.header('x-heraldo-digest')).at(-1)!;
    expect(mail.header('subject')).toBe('Tu resumen diario: 1 anuncio');
    const text = mimeParts(mail.raw).find((p) => p.type === 'text/plain')!.body;
    expect(text).toContain(kept.title);
    expect(text).not.toContain(dropped.title);
  });
});
