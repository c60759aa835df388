// Email and Slack, end to end: a real SMTP sink and a local fake of the Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import { DELIVERY_ATTEMPTS } from '../../server/delivery/delivery-task.js';
import { requeue } from '../../server/delivery/queues.js';
import { jobForDelivery } from '../../server/delivery/recovery.js';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let slack: FakeSlack;
let comms: Client;
let dept: Record<string, string>;

type Stats = {
  recipients: number;
  channels: Record<'in_app' | 'email' | 'slack', Record<'pending' | 'sent' | 'failed' | 'skipped', number>>;
  read: number;
  acknowledged: number;
  byDepartment: { slug: string; recipients: number }[];
  failures: { channel: string; target: string; department: { slug: string; name: string } | null; error: string; attempts: number }[];
};

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  world = await createWorld({
    SMTP_URL: smtp.url,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.url,
    SLACK_COMPANY_CHANNEL: 'C_ALL',
    PUBLIC_URL: 'https://heraldo.example.com',
    // Retries after 100 ms, 200 ms, … so that running out of attempts takes seconds, and a
    // Slack Retry-After (whole seconds) is told apart from the backoff.
    DELIVERY_RETRY_BASE_MS: '100',
  });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  dept = await departmentIds(world.prisma);
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
  await slack.stop();
});

let published = 0;
/** Publishes (titled "Payroll <n>" unless told), so each test finds its own messages. */
async function publish(body: Record<string, unknown>) {
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title: `Payroll ${++published}`, body: 'Payslips are **out**.', priority: 'normal', channels: ['email', 'slack'], ...body },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const stats = async (id: string) => (await comms.json<Stats>(`/api/announcements/${id}/stats`)).body;

/** Waits until the fan-out is done and nothing of the announcement is pending, then returns its stats. */
async function settled(id: string, timeoutMs = 20_000): Promise<Stats> {
  let s: Stats | undefined;
  await waitUntil(async () => {
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    if (a.fanoutPending) return false;
    s = await stats(id);
    return s.channels.email.pending === 0 && s.channels.slack.pending === 0 && s.channels.in_app.pending === 0;
  }, timeoutMs, 'deliveries to settle');
  return s!;
}

describe('email', () => {
  it('sends one message per recipient, with both parts and the notification header', async () => {
    const id = await publish({ title: 'Urgent payroll fix', priority: 'urgent', audience: { type: 'departments', departmentIds: [dept.it, dept.hr] } });
    const s = await settled(id);
    expect(s.recipients).toBe(4);
    expect(s.channels.email).toEqual({ pending: 0, sent: 4, failed: 0, skipped: 0 });
    const notifications = await world.prisma.notification.findMany({ where: { announcementId: id }, include: { user: true } });
    const mails = smtp.messages.filter((m) => notifications.some((n) => m.header('x-heraldo-notification') === n.id.toString()));
    expect(mails).toHaveLength(4);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(notifications.map((n) => n.user.email).sort());
    for (const m of mails) {
      expect(m.header('subject')).toBe('[URGENT] Urgent payroll fix');
      expect(m.raw).toMatch(/Content-Type: text\/plain/i);
      expect(m.raw).toMatch(/Content-Type: text\/html/i);
      expect(m.raw).toContain('https://heraldo.example.com/inbox');
    }
  });

  it('fails a refused mailbox at once, and re-sends it on retry', async () => {
    smtp.rejectRecipient((a) => a === 'carol@heraldo.test', 550);
    try {
      const id = await publish({ title: 'Refused once', channels: ['email'], audience: { type: 'departments', departmentIds: [dept.finance] } });
      const s = await settled(id);
      expect(s.channels.email).toMatchObject({ sent: 0, failed: 1 });
      expect(s.failures).toHaveLength(1);
      expect(s.failures[0]).toMatchObject({ channel: 'email', target: 'carol@heraldo.test', department: null, attempts: 1 });
      expect(s.failures[0]!.error).toMatch(/550/);

      smtp.clearRejections();
      const retried = await comms.json<{ retried: number }>(`/api/announcements/${id}/retry`, { method: 'POST' });
      expect(retried.body.retried).toBe(1);
      await waitUntil(async () => (await stats(id)).channels.email.sent === 1, 15_000);
      expect(smtp.messages.filter((m) => m.to.includes('carol@heraldo.test') && m.header('subject') === 'Refused once')).toHaveLength(1);
    } finally {
      smtp.clearRejections();
    }
  });

  it('gives up after 8 attempts when the refusal is transient but never ends', async () => {
    smtp.rejectRecipient((a) => a === 'carol@heraldo.test', 451);
    try {
      const refusedBefore = smtp.refused.length;
      const id = await publish({ channels: ['email'], audience: { type: 'departments', departmentIds: [dept.finance] } });
      const s = await settled(id, 30_000);
      expect(s.channels.email).toMatchObject({ pending: 0, sent: 0, failed: 1 });
      expect(s.failures[0]).toMatchObject({ target: 'carol@heraldo.test', attempts: DELIVERY_ATTEMPTS });
      expect(s.failures[0]!.error).toMatch(/451/);
      expect(smtp.refused.length - refusedBefore).toBe(DELIVERY_ATTEMPTS); // tried 8 times, no more
    } finally {
      smtp.clearRejections();
    }
  });

  it('never sends a delivery twice when its job runs again after it was sent', async () => {
    const id = await publish({ channels: ['email', 'slack'], audience: { type: 'departments', departmentIds: [dept.sales] } });
    await settled(id);
    const rows = await world.prisma.delivery.findMany({ where: { announcementId: id }, include: { notification: true } });
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([['email', 'sent'], ['slack', 'sent']]);
    const mailsBefore = smtp.messages.length;
    const postsBefore = slack.posts.length;
    // What a lost write or a re-queue after Redis forgot its jobs leads to: the same job, again.
    for (const row of rows) {
      const job = jobForDelivery({ ...row, userId: row.notification?.userId ?? null })!;
      const queue = node.ctx.queues[job.queue] as unknown as Queue;
      await requeue(queue, job.id, () => queue.add(job.queue, job.data, { jobId: job.id }));
      await waitUntil(async () => (await queue.getJob(job.id))?.finishedOn !== undefined, 10_000, `${job.id} to run again`);
      expect((await queue.getJob(job.id))!.returnvalue).toBe('already sent');
    }
    expect(smtp.messages.length).toBe(mailsBefore);
    expect(slack.posts.length).toBe(postsBefore);
  });

  it('retries a transient refusal (4xx) and delivers exactly once', async () => {
    smtp.rejectRecipient((a) => a === 'dan@heraldo.test', 451, 1);
    const before = smtp.messages.filter((m) => m.to.includes('dan@heraldo.test')).length;
    const id = await publish({ channels: ['email'], audience: { type: 'departments', departmentIds: [dept.sales] } });
    const s = await settled(id);
    expect(s.channels.email).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.messages.filter((m) => m.to.includes('dan@heraldo.test')).length).toBe(before + 1);
    const delivery = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, channel: 'email' } });
    expect(delivery.attempts).toBe(2);
  });

  it('in one batch, fails a refused mailbox alone and retries a transient refusal alone', async () => {
    smtp.rejectRecipient((a) => a === 'carol@heraldo.test', 550);
    smtp.rejectRecipient((a) => a === 'dan@heraldo.test', 451, 1);
    try {
      const title = 'One batch, two refusals';
      const id = await publish({ title, channels: ['email'], audience: { type: 'departments', departmentIds: [dept.it, dept.finance, dept.sales] } });
      const s = await settled(id);
      expect(s.channels.email).toMatchObject({ pending: 0, sent: 3, failed: 1 });
      const rows = await world.prisma.delivery.findMany({ where: { announcementId: id, channel: 'email' } });
      expect(new Set(rows.map((r) => r.batch)).size).toBe(1); // the four went in one batch
      const attempts = Object.fromEntries(rows.map((r) => [r.target, [r.status, r.attempts]]));
      expect(attempts).toEqual({
        'alice@heraldo.test': ['sent', 1], 'it.manager@heraldo.test': ['sent', 1], 'carol@heraldo.test': ['failed', 1], 'dan@heraldo.test': ['sent', 2],
      });
      // Each once: the retry after dan's backoff sent dan alone, last.
      const got = smtp.messages.filter((m) => m.header('subject') === title).map((m) => m.to[0]);
      expect([...got].sort()).toEqual(['alice@heraldo.test', 'dan@heraldo.test', 'it.manager@heraldo.test']);
      expect(got[got.length - 1]).toBe('dan@heraldo.test');
    } finally {
      smtp.clearRejections();
    }
  });

  it('rides out the SMTP server being down: everything arrives, nothing twice', async () => {
    await smtp.pause();
    let id: string;
    try {
      id = await publish({ channels: ['email'], audience: { type: 'departments', departmentIds: [dept.it, dept.finance] } });
      await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: id, attempts: { gt: 0 } } })) > 0, 15_000);
      expect((await stats(id)).channels.email.sent).toBe(0);
    } finally {
      await smtp.resume();
    }
    const s = await settled(id, 30_000);
    expect(s.channels.email).toMatchObject({ sent: 3, failed: 0 });
    const ids = (await world.prisma.notification.findMany({ where: { announcementId: id } })).map((n) => n.id.toString());
    const got = smtp.messages.filter((m) => ids.includes(m.header('x-heraldo-notification') ?? ''));
    expect(got).toHaveLength(3);
  });
});

describe('slack', () => {
  it('posts once per targeted department channel, with text and blocks', async () => {
    const before = slack.posts.length;
    const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.it, dept.hr] } });
    const s = await settled(id);
    expect(s.channels.slack).toEqual({ pending: 0, sent: 2, failed: 0, skipped: 0 });
    const posts = slack.posts.slice(before);
    expect(posts.map((p) => p.channel).sort()).toEqual(['C_HR', 'C_IT']);
    for (const p of posts) {
      expect(p.text).toContain('Payroll');
      expect(p.blocks.length).toBeGreaterThan(0);
    }
    const sent = await world.prisma.delivery.findMany({ where: { announcementId: id, channel: 'slack' } });
    expect(sent.every((d) => d.providerId && d.status === 'sent')).toBe(true);
  });

  it('posts company-wide announcements to the company channel', async () => {
    const before = slack.posts.length;
    const id = await publish({ channels: ['slack'], audience: { type: 'all' } });
    await settled(id);
    expect(slack.posts.slice(before).map((p) => p.channel)).toEqual(['C_ALL']);
  });

  it('waits out a 429 as long as Retry-After says, and still posts exactly once', async () => {
    const before = slack.posts.length;
    const requestsBefore = slack.requests;
    const timesBefore = slack.postTimes.length;
    // 3 s: thirty times the retry backoff here, so a retry that ignored it would come far sooner.
    slack.rateLimit(1, 3);
    const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.sales] } });
    const s = await settled(id);
    expect(s.channels.slack.sent).toBe(1);
    expect(slack.posts.slice(before).map((p) => p.channel)).toEqual(['C_SALES']);
    expect(slack.requests - requestsBefore).toBe(2);
    const [refused, posted] = slack.postTimes.slice(timesBefore);
    expect(posted! - refused!).toBeGreaterThanOrEqual(3_000);
    const row = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, channel: 'slack' } });
    expect(row.attempts).toBe(2); // the wait counts as an attempt
  });

  it('gives up after 8 attempts when Slack answers 429 forever', { timeout: 40_000 }, async () => {
    const timesBefore = slack.postTimes.length;
    slack.rateLimit(Infinity, 1);
    try {
      const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.hr] } });
      const s = await settled(id, 30_000);
      expect(s.channels.slack).toMatchObject({ pending: 0, sent: 0, failed: 1 });
      expect(s.failures[0]).toMatchObject({ target: 'C_HR', attempts: DELIVERY_ATTEMPTS });
      expect(s.failures[0]!.error).toMatch(/rate limit/i);
      const times = slack.postTimes.slice(timesBefore);
      expect(times).toHaveLength(DELIVERY_ATTEMPTS);
      // Each try waited what Slack asked for.
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    } finally {
      slack.rateLimit(0, 1);
    }
  });

  it('retries a 5xx answer and posts once', async () => {
    slack.failHttp(1, 503);
    const requestsBefore = slack.requests;
    const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.comms] } });
    const s = await settled(id);
    expect(s.channels.slack).toMatchObject({ sent: 1, failed: 0 });
    const row = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, channel: 'slack' } });
    expect(row.attempts).toBe(2);
    expect(slack.requests - requestsBefore).toBe(2); // the 503, then the post
  });

  it('fails channel_not_found at once, without retrying', async () => {
    slack.missingChannels.add('C_FINANCE');
    try {
      const requestsBefore = slack.requests;
      const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.finance] } });
      const s = await settled(id);
      expect(s.channels.slack).toMatchObject({ sent: 0, failed: 1 });
      expect(s.failures).toEqual([expect.objectContaining({ channel: 'slack', target: 'C_FINANCE', department: { slug: 'finance', name: 'Accounting & Finance' }, attempts: 1 })]);
      expect(s.failures[0]!.error).toMatch(/channel_not_found/);
      expect(slack.requests - requestsBefore).toBe(1);
    } finally {
      slack.missingChannels.clear();
    }
  });

  it('records a department without a channel as skipped, with why', async () => {
    await world.prisma.department.update({ where: { slug: 'sales' }, data: { slackChannelId: null } });
    try {
      const id = await publish({ channels: ['slack'], audience: { type: 'departments', departmentIds: [dept.sales] } });
      const s = await settled(id);
      expect(s.channels.slack).toMatchObject({ skipped: 1, pending: 0 });
      const row = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, channel: 'slack' } });
      expect(row.error).toMatch(/no Slack channel/);
    } finally {
      await world.prisma.department.update({ where: { slug: 'sales' }, data: { slackChannelId: 'C_SALES' } });
    }
  });
});

describe('stats and preview', () => {
  it('adds up per channel and per department', async () => {
    const id = await publish({ channels: ['in_app', 'email', 'slack'], audience: { type: 'departments', departmentIds: [dept.it, dept.comms] } });
    const s = await settled(id);
    for (const ch of ['in_app', 'email'] as const) {
      const c = s.channels[ch];
      expect(c.pending + c.sent + c.failed + c.skipped).toBe(s.recipients);
    }
    expect(s.byDepartment.map((d) => d.slug)).toEqual(['comms', 'it']);
    expect(s.byDepartment.reduce((n, d) => n + d.recipients, 0)).toBe(s.recipients);
  });

  it('renders a draft for the composer, as it would be sent', async () => {
    const email = await comms.json<{ subject: string; html: string; text: string }>('/api/templates/preview', {
      method: 'POST',
      body: { channel: 'email', title: 'Draft', body: 'Hi <!channel>', priority: 'urgent', audience: { type: 'departments', departmentIds: [dept.it] } },
    });
    expect(email.status).toBe(200);
    expect(email.body.subject).toBe('[URGENT] Draft');
    expect(email.body.html).toContain('<html');
    const viaGet = await comms.json<{ text: string; blocks: unknown[] }>(`/api/templates/preview?channel=slack&title=Draft&body=${encodeURIComponent('Hi <!channel>')}`);
    expect(viaGet.status).toBe(200);
    expect(JSON.stringify(viaGet.body.blocks)).not.toContain('<!channel>');
    const bad = await comms.json<{ error: { fields: Record<string, string> } }>('/api/templates/preview?channel=fax&title=x');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['channel']);
    const alice = await login(node.url!, 'alice@heraldo.test');
    expect((await alice.fetch('/api/templates/preview?channel=email&title=x')).status).toBe(403);
  });
});
