// Fan-out: audience resolution, the crash-recovery dispatcher, scheduling and cancelling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncement, type Publisher } from '../../server/announcements/publish.js';
import { createContext, type Context } from '../../server/context.js';
import { sweepOnce, sweeps } from '../../server/delivery/dispatcher.js';
import { runFanout } from '../../server/delivery/fanout.js';
import type { Heraldo } from '../../server/heraldo.js';
import { createLogger } from '../../server/logger.js';
import { createWorld, departmentIds, login, waitUntil, type World } from '../support/harness.js';

let world: World;
let dept: Record<string, string>;
let ctx: Context;
let author: Publisher;

beforeAll(async () => {
  world = await createWorld();
  dept = await departmentIds(world.prisma);
  ctx = createContext(world.config(), createLogger('silent'));
  author = { type: 'user', ...(await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' }, select: { id: true, name: true } })) };
});
afterAll(async () => {
  await ctx.close();
  await world.close();
});

const base = { body: 'Hello', channels: ['in_app' as const], priority: 'normal' as const, requireAck: false };

describe('audience resolution', () => {
  it('sends overlapping departments one notification per person', async () => {
    // Alice is in it; make her a member of hr as well, so it ∪ hr holds her twice.
    const alice = await world.prisma.user.findUniqueOrThrow({ where: { email: 'alice@heraldo.test' } });
    await world.prisma.membership.create({ data: { userId: alice.id, departmentId: dept.hr! } });
    const a = await createAnnouncement(world.prisma, author, {
      ...base, title: 'overlap', audience: { type: 'departments', departmentIds: [dept.it!, dept.hr!] },
    });
    const result = await runFanout(ctx, a.id);
    const rows = await world.prisma.notification.findMany({ where: { announcementId: a.id }, include: { user: true } });
    const emails = rows.map((r) => r.user.email).sort();
    expect(emails).toEqual(['alice@heraldo.test', 'bob@heraldo.test', 'hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    expect(result.recipients).toBe(4);
    // Running it again (a retry) adds nothing.
    await world.prisma.announcement.update({ where: { id: a.id }, data: { fanoutPending: true } });
    await runFanout(ctx, a.id);
    expect(await world.prisma.notification.count({ where: { announcementId: a.id } })).toBe(4);
  });

  it('sends "all" to every user', async () => {
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'all', audience: { type: 'all' } });
    await runFanout(ctx, a.id);
    expect(await world.prisma.notification.count({ where: { announcementId: a.id } })).toBe(await world.prisma.user.count());
    const stored = await world.prisma.announcement.findUniqueOrThrow({ where: { id: a.id } });
    expect(stored).toMatchObject({ fanoutPending: false, recipientCount: await world.prisma.user.count() });
  });
});

describe('crash between commit and enqueue', () => {
  it('is recovered by the workers\' own dispatcher', async () => {
    // Committed with its mark, never enqueued: what a crash right after the commit leaves
    // (a minute ago, past the dispatcher's grace for work being queued right now).
    const a = await createAnnouncement(world.prisma, author, { ...base, title: 'orphan', audience: { type: 'all' } });
    await world.prisma.announcement.update({ where: { id: a.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    let worker: Heraldo | undefined;
    try {
      // Nothing calls the dispatcher here: the worker runs it by itself, every interval.
      worker = await world.start({ HERALDO_SERVICES: 'worker' });
      await waitUntil(async () => !(await world.prisma.announcement.findUniqueOrThrow({ where: { id: a.id } })).fanoutPending, 15_000);
      expect(await world.prisma.notification.count({ where: { announcementId: a.id } })).toBe(await world.prisma.user.count());
      // A pass now finds nothing lost: the fan-out's job is there (completed).
      expect(await sweepOnce(ctx, sweeps())).toMatchObject({ announcements: 0, deliveries: 0 });
    } finally {
      await worker?.stop();
    }
  });
});

describe('schedule', () => {
  it('publishes a scheduled announcement at its time, and a cancelled one never', async () => {
    const node = await world.start();
    const comms = await login(node.url!, 'comms@heraldo.test');
    const at = new Date(Date.now() + 1500).toISOString();
    const post = (title: string) =>
      comms.json<{ id: string; status: string }>('/api/announcements', {
        method: 'POST',
        body: { ...base, title, audience: { type: 'departments', departmentIds: [dept.sales] }, scheduledAt: at },
      });
    const kept = await post('later');
    const dropped = await post('cancelled');
    expect(kept.body.status).toBe('scheduled');
    expect((await comms.fetch(`/api/announcements/${dropped.body.id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect((await comms.fetch(`/api/announcements/${dropped.body.id}/cancel`, { method: 'POST' })).status).toBe(409);
    expect(await world.prisma.notification.count({ where: { announcementId: kept.body.id } })).toBe(0);
    await waitUntil(async () => (await world.prisma.notification.count({ where: { announcementId: kept.body.id } })) === 1, 10_000);
    const published = await world.prisma.announcement.findUniqueOrThrow({ where: { id: kept.body.id } });
    expect(published.status).toBe('published');
    expect(published.publishedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(at) - 50);
    expect(await world.prisma.notification.count({ where: { announcementId: dropped.body.id } })).toBe(0);
    expect((await world.prisma.announcement.findUniqueOrThrow({ where: { id: dropped.body.id } })).status).toBe('cancelled');
    // One audit event, by the person who cancelled; the refused second try wrote none.
    const events = await world.prisma.auditEvent.findMany({ where: { action: 'announcement.cancel', targetId: dropped.body.id } });
    expect(events).toMatchObject([{ actorType: 'user', actorName: 'Carmen Comms', targetType: 'announcement', details: { title: 'cancelled', scheduledAt: at } }]);
  });
});
