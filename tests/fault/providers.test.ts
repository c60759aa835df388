// The outside world misbehaving: the SMTP server down for a while then back, Slack answering
// 429 and 500 in bursts. Everything still arrives exactly once and the stats add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmployees } from '../../server/db/seed.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, departmentIds, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const USERS = 300;
type Counts = Record<'pending' | 'sent' | 'failed' | 'skipped', number>;
type Stats = { recipients: number; channels: Record<'in_app' | 'email' | 'slack', Counts> };

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let slack: FakeSlack;
let comms: Client;

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  // Retries start at 200 ms: the outage below lasts seconds, well inside 8 attempts.
  world = await createWorld({ SMTP_URL: smtp.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url, SLACK_COMPANY_CHANNEL: 'C_ALL', DELIVERY_RETRY_BASE_MS: '200' });
  await seedEmployees(world.prisma, USERS - (await world.prisma.user.count()), PASSWORD);
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
});
afterAll(async () => {
  await world?.close();
  await smtp?.stop();
  await slack?.stop();
});

async function settle(ids: string[], timeoutMs: number) {
  await waitUntil(async () => {
    const pending = await world.prisma.delivery.count({ where: { announcementId: { in: ids }, status: 'pending' } });
    const marked = await world.prisma.announcement.count({ where: { id: { in: ids }, fanoutPending: true } });
    return pending === 0 && marked === 0;
  }, timeoutMs, 'deliveries to settle');
}

describe('providers failing for a while', () => {
  it('delivers every email and every Slack post once, and the stats add up', { timeout: 90_000 }, async () => {
    const dept = await departmentIds(world.prisma);
    await smtp.pause();
    slack.rateLimit(4, 1); // a burst of 429 with Retry-After: 1 …
    slack.failHttp(6, 500); // … then a burst of 500
    const ids: string[] = [];
    for (const audience of [{ type: 'all' }, { type: 'departments', departmentIds: Object.values(dept) }]) {
      const res = await comms.json<{ id: string }>('/api/announcements', {
        method: 'POST',
        body: { title: `Outage drill ${audience.type}`, body: 'Hello <!channel>', audience, channels: ['in_app', 'email', 'slack'], priority: 'high' },
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    // Sends fail while the SMTP server is away, and are retried after it comes back.
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: { in: ids }, channel: 'email', attempts: { gt: 0 } } })) > 0, 15_000);
    await sleep(3_000);
    expect(smtp.messages).toHaveLength(0);
    await smtp.resume();
    await settle(ids, 75_000);

    const slackTargets: Record<string, string[]> = { [ids[0]!]: ['C_ALL'], [ids[1]!]: ['C_COMMS', 'C_FINANCE', 'C_HR', 'C_IT', 'C_SALES'] };
    for (const id of ids) {
      const notifications = await world.prisma.notification.findMany({ where: { announcementId: id }, include: { user: true } });
      const want = new Map(notifications.map((n) => [n.id.toString(), n.user.email]));
      const got = smtp.messages.filter((m) => want.has(m.header('x-heraldo-notification')!));
      expect(got).toHaveLength(want.size);
      expect(new Set(got.map((m) => m.header('x-heraldo-notification'))).size).toBe(want.size);
      for (const m of got) expect(m.to).toEqual([want.get(m.header('x-heraldo-notification')!)]);

      const stats = (await comms.json<Stats>(`/api/announcements/${id}/stats`)).body;
      expect(stats.recipients).toBe(want.size);
      expect(stats.channels.email).toEqual({ pending: 0, sent: want.size, failed: 0, skipped: 0 });
      expect(stats.channels.in_app).toEqual({ pending: 0, sent: want.size, failed: 0, skipped: 0 });
      expect(stats.channels.slack).toEqual({ pending: 0, sent: slackTargets[id]!.length, failed: 0, skipped: 0 });
    }
    expect(slack.posts.map((p) => p.channel).sort()).toEqual(Object.values(slackTargets).flat().sort());
    // Slack was asked 10 times in vain: every post was retried, none was posted twice.
    expect(slack.requests).toBe(6 + 10);
    for (const p of slack.posts) expect(p.text).not.toContain('<!channel>');
  });
});
