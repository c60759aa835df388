// The composer's helper routes: the audience count behind "Send to N people…?" and the test
// send to oneself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let url: string;
let smtp: SmtpSink;
let slack: FakeSlack;
let dept: Record<string, string>;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  world = await createWorld({ SMTP_URL: smtp.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url });
  // api only: the test send goes out from the request itself, no worker involved.
  url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  dept = await departmentIds(world.prisma);
  for (const who of ['comms', 'it.manager', 'hr.manager', 'alice']) clients[who] = await login(url, `${who}@heraldo.test`);
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
  await slack.stop();
});

const count = (who: string, audience: unknown) =>
  clients[who]!.json<{ recipients: number; error?: { code: string; fields?: Record<string, string> } }>('/api/announcements/audience', {
    method: 'POST',
    body: { audience },
  });

describe('POST /api/announcements/audience', () => {
  it('counts the active members the fan-out would reach, each once', async () => {
    const active = await world.prisma.user.count({ where: { active: true } });
    expect((await count('comms', { type: 'all' })).body.recipients).toBe(active);
    const members = async (slugs: string[]) =>
      world.prisma.user.count({ where: { active: true, memberships: { some: { department: { slug: { in: slugs } } } } } });
    const itHr = await count('comms', { type: 'departments', departmentIds: [dept.it, dept.hr, dept.it] });
    expect(itHr.body.recipients).toBe(await members(['it', 'hr']));
    // Someone deactivated is no longer counted.
    const before = (await count('it.manager', { type: 'departments', departmentIds: [dept.it] })).body.recipients;
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: false } });
    try {
      expect((await count('it.manager', { type: 'departments', departmentIds: [dept.it] })).body.recipients).toBe(before - 1);
    } finally {
      await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: true } });
    }
  });

  it('refuses what publishing refuses', async () => {
    expect((await count('it.manager', { type: 'all' })).status).toBe(403);
    expect((await count('it.manager', { type: 'departments', departmentIds: [dept.hr] })).status).toBe(403);
    expect((await count('alice', { type: 'departments', departmentIds: [dept.it] })).status).toBe(403);
    const bad = await count('comms', { type: 'departments', departmentIds: [] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toContain('audience.departmentIds');
    const unknown = await count('comms', { type: 'departments', departmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.fields?.['audience.departmentIds']).toMatch(/Unknown/);
    expect((await count('comms', 'everyone')).status).toBe(400);
  });
});

interface TestAnswer {
  email: { status: string; to?: string; reason?: string };
  slack: { status: string; to?: string; reason?: string };
  error?: { code: string; fields?: Record<string, string> };
}
const message = (extra: Record<string, unknown> = {}) => ({
  title: 'Parking closed',
  body: 'The **garage** is closed & locked.',
  audience: { type: 'departments', departmentIds: [dept.it] },
  channels: ['in_app', 'email', 'slack'],
  priority: 'urgent',
  ...extra,
});
const sendTest = (who: string, body: unknown) => clients[who]!.json<TestAnswer>('/api/announcements/test', { method: 'POST', body });

describe('POST /api/announcements/test', () => {
  it('emails and DMs only the signed-in person, stores nothing, and audits it', async () => {
    slack.users.set('it.manager@heraldo.test', 'U_ITM');
    const before = {
      announcements: await world.prisma.announcement.count(),
      notifications: await world.prisma.notification.count(),
      deliveries: await world.prisma.delivery.count(),
    };
    const mails = smtp.messages.length;
    const posts = slack.posts.length;
    const res = await sendTest('it.manager', message());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: { status: 'sent', to: 'it.manager@heraldo.test' }, slack: { status: 'sent', to: 'U_ITM' } });

    const sent = smtp.messages.slice(mails);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual(['it.manager@heraldo.test']);
    expect(sent[0]!.header('subject')).toBe('[TEST] [URGENT] Parking closed');
    const dm = slack.posts.slice(posts);
    expect(dm).toHaveLength(1);
    expect(dm[0]!.channel).toBe('U_ITM');
    expect(dm[0]!.text.startsWith('[TEST] ')).toBe(true);
    expect(JSON.stringify(dm[0]!.blocks)).toContain('garage');

    expect(await world.prisma.announcement.count()).toBe(before.announcements);
    expect(await world.prisma.notification.count()).toBe(before.notifications);
    expect(await world.prisma.delivery.count()).toBe(before.deliveries);
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.test' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorName: 'Ian Manager', targetType: 'user' });
    expect(audit.details).toMatchObject({ title: 'Parking closed', email: 'sent', slack: 'sent' });
  });

  it('says why a channel was not sent: not chosen, no Slack account', async () => {
    const mails = smtp.messages.length;
    const res = await sendTest('comms', message({ channels: ['in_app', 'slack'], audience: { type: 'all' } }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: { status: 'skipped', reason: 'not_chosen' }, slack: { status: 'skipped', reason: 'no_slack_account' } });
    expect(smtp.messages.length).toBe(mails);
  });

  it('refuses employees, audiences one may not address, and bad input', async () => {
    expect((await sendTest('alice', message())).status).toBe(403);
    expect((await sendTest('it.manager', message({ audience: { type: 'all' } }))).status).toBe(403);
    const bad = await sendTest('comms', message({ title: ' ' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toContain('title');
  });

  it('allows five a minute per person, then 429 with Retry-After', async () => {
    const body = message({ channels: ['in_app'] });
    for (let i = 0; i < 5; i++) expect((await sendTest('hr.manager', message({ channels: ['in_app'], audience: { type: 'departments', departmentIds: [dept.hr] } }))).status).toBe(200);
    const res = await clients['hr.manager']!.fetch('/api/announcements/test', { method: 'POST', body: { ...body, audience: { type: 'departments', departmentIds: [dept.hr] } } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await res.json()) as TestAnswer).error?.code).toBe('too_many_tests');
    // Someone else is not held back.
    expect((await sendTest('comms', message({ channels: ['in_app'], audience: { type: 'all' } }))).status).toBe(200);
  });

  it('says when the server has email and Slack off', async () => {
    const off = await world.start({ HERALDO_SERVICES: 'api', SMTP_URL: '', SLACK_BOT_TOKEN: '' });
    const admin = await login(off.url!, 'admin@heraldo.test');
    const res = await admin.json<TestAnswer>('/api/announcements/test', { method: 'POST', body: message({ audience: { type: 'all' } }) });
    expect(res.body).toEqual({ email: { status: 'skipped', reason: 'off' }, slack: { status: 'skipped', reason: 'off' } });
  });
});
