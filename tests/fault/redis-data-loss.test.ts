// Redis forgets everything (a restart without persistence, a failover to an empty replica)
// while an email fan-out to 2,008 people is running and a scheduled announcement waits in a
// delayed job. Nothing is restarted: the workers' dispatchers find the lost work in Postgres
// and send it, with at most the sends in flight at the loss repeated. Two worker nodes sweep
// at once. Then: a backlog of announcements scheduled for later, larger than a page, in front
// of published ones that lost their enqueue, does not keep those from being sent.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEmployees } from '../../server/db/seed.js';
import { ANNOUNCEMENT_PAGE } from '../../server/delivery/recovery.js';
import { CONCURRENCY, emailJobId } from '../../server/delivery/queues.js';
import type { Heraldo } from '../../server/heraldo.js';
import { PASSWORD, createWorld, deleteKeys, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const RECIPIENTS = 2_008;
const WORKERS = 2;
type Stats = { recipients: number; channels: Record<string, Record<string, number>> };

let world: World;
let api: Heraldo;
let smtp: SmtpSink;
let comms: Client;

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url });
  await seedEmployees(world.prisma, RECIPIENTS - (await world.prisma.user.count()), PASSWORD);
  api = await world.start({ HERALDO_SERVICES: 'api' });
  for (let i = 0; i < WORKERS; i++) await world.start({ HERALDO_SERVICES: 'worker' });
  comms = await login(api.url!, 'comms@heraldo.test');
});
afterAll(async () => {
  await world?.close();
  await smtp?.stop();
});

async function publish(body: Record<string, unknown>): Promise<string> {
  const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: { body: 'Read me', priority: 'normal', ...body } });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('Redis losing all its data', () => {
  // Generous bounds: on a loaded machine 2,008 emails take minutes; they are not the point.
  it('loses no delivery and no scheduled announcement, without a restart', { timeout: 300_000 }, async () => {
    const title = `Flushed ${Date.now()}`;
    const itDept = (await departmentIds(world.prisma)).it!;
    const id = await publish({ title, audience: { type: 'all' }, channels: ['email'] });
    const mine = () => smtp.messages.filter((m) => m.header('subject') === title);
    await waitUntil(() => mine().length >= 100, 60_000, 'the first emails');
    const scheduled = await publish({
      title: `${title} (scheduled)`, audience: { type: 'departments', departmentIds: [itDept] }, channels: ['in_app', 'email'],
      scheduledAt: new Date(Date.now() + 15_000).toISOString(),
    });
    const deleted = await deleteKeys(world.prefix);
    const lostAt = Date.now();
    const atLoss = mine().length;
    const pendingAtLoss = await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending' } });
    console.info(`Redis lost ${deleted} keys after ${atLoss} emails; ${pendingAtLoss} deliveries pending`);
    expect(pendingAtLoss).toBeGreaterThan(RECIPIENTS / 2); // most of the work was only in Redis
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id: scheduled } })).status).toBe('scheduled');

    await waitUntil(() => mine().length > atLoss + 50, 60_000, 'sending to resume');
    const resumedAt = Date.now();
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending' } })) === 0, 240_000, 'every delivery settled').catch(async (err: unknown) => {
      // What is stuck, for whoever reads the failure.
      const stuck = await world.prisma.delivery.groupBy({ by: ['attempts', 'error'], where: { announcementId: id, status: 'pending' }, _count: true, _max: { updatedAt: true } });
      console.error('pending deliveries', JSON.stringify(stuck));
      throw err;
    });
    console.info(`sending resumed ${resumedAt - lostAt} ms after the loss; all sent ${Date.now() - lostAt} ms after it`);
    // Every recipient has their message, each copy under the notification's one Message-ID.
    const notifications = await world.prisma.notification.findMany({ where: { announcementId: id }, include: { user: true } });
    expect(notifications).toHaveLength(RECIPIENTS);
    const byNotification = new Map<string, string[]>();
    for (const m of mine()) byNotification.set(m.header('x-heraldo-notification')!, [...(byNotification.get(m.header('x-heraldo-notification')!) ?? []), m.header('message-id')!]);
    for (const n of notifications) {
      const copies = byNotification.get(n.id.toString());
      expect(copies, n.user.email).toBeDefined();
      expect(new Set(copies)).toEqual(new Set([`<notification-${n.id}@localhost>`]));
    }
    // Only a send in flight at the loss (taken by the SMTP server, not yet recorded) can repeat.
    const duplicates = mine().length - RECIPIENTS;
    console.info(`duplicates after the loss: ${duplicates}`);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY.email * WORKERS);
    const stats = (await comms.json<Stats>(`/api/announcements/${id}/stats`)).body;
    expect(stats.channels.email).toEqual({ pending: 0, sent: RECIPIENTS, failed: 0, skipped: 0 });

    // The scheduled one's delayed job went with Redis: it is published and sent all the same.
    await waitUntil(async () => {
      const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id: scheduled } });
      const pending = await world.prisma.delivery.count({ where: { announcementId: scheduled, status: 'pending' } });
      return a.status === 'published' && !a.fanoutPending && pending === 0;
    }, 60_000, 'the scheduled announcement');
    const members = await world.prisma.membership.count({ where: { departmentId: itDept, user: { active: true } } });
    expect(await world.prisma.delivery.count({ where: { announcementId: scheduled, status: 'sent' } })).toBe(members);
  });
});

describe('a backlog of announcements scheduled for later', () => {
  it('does not keep published ones that lost their enqueue from being sent', { timeout: 90_000 }, async () => {
    const author = await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' } });
    const tiny = await world.prisma.department.create({ data: { slug: `tiny-${Date.now()}`, name: 'Tiny' } });
    await world.prisma.membership.create({ data: { userId: author.id, departmentId: tiny.id } });
    const hourAgo = Date.now() - 3_600_000;
    const row = (i: number, status: 'scheduled' | 'published', scheduledAt: Date | null) => ({
      title: `backlog ${status} ${i}`, body: 'x', bodyHtml: '<p>x</p>', audienceType: 'departments' as const, channels: ['in_app' as const],
      status, scheduledAt, publishedAt: status === 'published' ? new Date(hourAgo) : null, authorId: author.id,
      // Older than every due one: first in any order by age.
      createdAt: new Date(hourAgo + (status === 'scheduled' ? 0 : 60_000) + i),
    });
    // More than the old dispatcher's 1,000 and than a page of the new one: all for tomorrow.
    const later = Array.from({ length: 1_050 }, (_, i) => row(i, 'scheduled', new Date(Date.now() + 86_400_000)));
    // Due and never enqueued (a crash between commit and enqueue): more than a page of them,
    // plus scheduled ones whose time came while their delayed job was lost.
    const due = [
      ...Array.from({ length: ANNOUNCEMENT_PAGE + 20 }, (_, i) => row(i, 'published', null)),
      ...Array.from({ length: 5 }, (_, i) => row(i, 'scheduled', new Date(Date.now() - 60_000))),
    ];
    await world.prisma.announcement.createMany({ data: [...later, ...due] });
    const created = await world.prisma.announcement.findMany({ where: { title: { startsWith: 'backlog ' } }, select: { id: true, status: true, scheduledAt: true } });
    await world.prisma.announcementDepartment.createMany({ data: created.map((a) => ({ announcementId: a.id, departmentId: tiny.id })) });
    const dueIds = created.filter((a) => a.status === 'published' || a.scheduledAt! < new Date()).map((a) => a.id);
    expect(dueIds).toHaveLength(due.length);

    await waitUntil(async () => (await world.prisma.announcement.count({ where: { id: { in: dueIds }, fanoutPending: true } })) === 0, 75_000, 'every due announcement fanned out');
    expect(await world.prisma.notification.count({ where: { announcementId: { in: dueIds } } })).toBe(dueIds.length);
    expect(await world.prisma.announcement.count({ where: { id: { in: dueIds }, status: 'published' } })).toBe(dueIds.length);
    // Nothing scheduled for tomorrow went out early.
    const laterIds = created.filter((a) => !dueIds.includes(a.id)).map((a) => a.id);
    expect(await world.prisma.announcement.count({ where: { id: { in: laterIds }, status: 'scheduled', fanoutPending: true } })).toBe(later.length);
    expect(await world.prisma.notification.count({ where: { announcementId: { in: laterIds } } })).toBe(0);
  });
});

describe('a job hash that lost its data', () => {
  // What a worker leaves when it writes to a job whose hash Redis lost: fields, no job. BullMQ
  // takes any hash under the id for the job, so re-adding it would be a no-op forever.
  it('is replaced by the sweep and the delivery is sent', { timeout: 60_000 }, async () => {
    const title = `Remnant ${Date.now()}`;
    const itDept = (await departmentIds(world.prisma)).it!;
    const id = await publish({ title, audience: { type: 'departments', departmentIds: [itDept] }, channels: ['email'] });
    const settled = async () =>
      (await world.prisma.delivery.count({ where: { announcementId: id } })) > 0 &&
      (await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending' } })) === 0;
    await waitUntil(settled, 30_000, 'the first sends');
    const delivery = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: id, channel: 'email' } });
    // Its "sent" write was lost, and its job hash is a remnant without the job's own fields.
    await world.prisma.delivery.update({ where: { id: delivery.id }, data: { status: 'pending' } });
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const key = `${world.prefix}:bull:email:${emailJobId(delivery)}`;
    await redis.del(key);
    await redis.hset(key, 'processedOn', Date.now(), 'atm', 1);
    redis.disconnect();
    const before = smtp.messages.filter((m) => m.header('subject') === title).length;
    await waitUntil(settled, 30_000, 'the delivery sent again');
    expect((await world.prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('sent');
    expect(smtp.messages.filter((m) => m.header('subject') === title).length).toBe(before + 1);
  });
});
