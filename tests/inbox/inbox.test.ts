// The inbox API: order, pages, unread counts, read and acknowledge, sanitized HTML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncement, type Publisher } from '../../server/announcements/publish.js';
import { createContext, type Context } from '../../server/context.js';
import { runFanout } from '../../server/delivery/fanout.js';
import type { NotificationPayload } from '../../server/inbox/notifications.js';
import { createLogger } from '../../server/logger.js';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

type Inbox = { items: NotificationPayload[]; unreadCount: number };

let world: World;
let ctx: Context;
let bob: Client;
let alice: Client;
let dept: Record<string, string>;
let author: Publisher;
let url: string;

async function announce(title: string, extra: Partial<Parameters<typeof createAnnouncement>[2]> = {}) {
  const a = await createAnnouncement(world.prisma, author, {
    title, body: 'text', channels: ['email'], priority: 'normal', requireAck: false,
    audience: { type: 'departments', departmentIds: [dept.hr!] }, ...extra,
  });
  await runFanout(ctx, a.id);
  return a.id;
}

beforeAll(async () => {
  world = await createWorld();
  ctx = createContext(world.config(), createLogger('silent'));
  dept = await departmentIds(world.prisma);
  author = { type: 'user', ...(await world.prisma.user.findUniqueOrThrow({ where: { email: 'hr.manager@heraldo.test' }, select: { id: true, name: true } })) };
  url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  bob = await login(url, 'bob@heraldo.test');
  alice = await login(url, 'alice@heraldo.test');
  for (let i = 1; i <= 5; i++) await announce(`note ${i}`, { requireAck: i === 2 });
});
afterAll(async () => {
  await ctx.close();
  await world.close();
});

describe('inbox', () => {
  it('lists newest first, in pages, with the unread count', async () => {
    const first = await bob.json<Inbox>('/api/inbox?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items.map((n) => n.title)).toEqual(['note 5', 'note 4', 'note 3']);
    expect(first.body.unreadCount).toBe(5);
    const next = await bob.json<Inbox>(`/api/inbox?limit=3&before=${first.body.items[2]!.id}`);
    expect(next.body.items.map((n) => n.title)).toEqual(['note 2', 'note 1']);
    expect(first.body.items[0]).toMatchObject({ priority: 'normal', requireAck: false, departments: ['hr'], readAt: null, ackAt: null });
  });

  it('holds announcements sent by email only too (whatever the channels)', async () => {
    const { body } = await bob.json<Inbox>('/api/inbox');
    expect(body.items).toHaveLength(5);
  });

  it('marks read and acknowledged, once, and counts down', async () => {
    const { body } = await bob.json<Inbox>('/api/inbox');
    const target = body.items.find((n) => n.title === 'note 2')!;
    const read = await bob.json<{ notification: NotificationPayload; unreadCount: number }>(`/api/inbox/${target.id}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    expect(read.body.unreadCount).toBe(4);
    expect(read.body.notification.readAt).not.toBeNull();
    const again = await bob.json<{ notification: NotificationPayload }>(`/api/inbox/${target.id}/read`, { method: 'POST' });
    expect(again.body.notification.readAt).toBe(read.body.notification.readAt);

    const ack = await bob.json<{ notification: NotificationPayload; unreadCount: number }>(`/api/inbox/${target.id}/ack`, { method: 'POST' });
    expect(ack.body.notification.ackAt).not.toBeNull();
    // Acknowledging another one marks it read as well.
    const other = body.items.find((n) => n.title === 'note 4')!;
    const ack2 = await bob.json<{ unreadCount: number; notification: NotificationPayload }>(`/api/inbox/${other.id}/ack`, { method: 'POST' });
    expect(ack2.body.unreadCount).toBe(3);
    expect(ack2.body.notification.readAt).not.toBeNull();
  });

  it('filters unread, awaiting my confirmation, and by department', async () => {
    const unread = await bob.json<Inbox>('/api/inbox?filter=unread');
    expect(unread.body.items.map((n) => n.title)).toEqual(['note 5', 'note 3', 'note 1']);
    await announce('needs ack', { requireAck: true });
    const ack = await bob.json<Inbox>('/api/inbox?filter=ack_required');
    expect(ack.body.items.map((n) => n.title)).toEqual(['needs ack']); // note 2 is acknowledged
    expect((await bob.json<Inbox>('/api/inbox?department=it')).body.items).toHaveLength(0);
    expect((await bob.json<Inbox>('/api/inbox?department=hr')).body.items.length).toBeGreaterThan(0);
  });

  it('keeps other people out of my notifications', async () => {
    const { body } = await bob.json<Inbox>('/api/inbox');
    expect((await alice.fetch(`/api/inbox/${body.items[0]!.id}/read`, { method: 'POST' })).status).toBe(404);
    expect((await alice.fetch('/api/inbox/abc/read', { method: 'POST' })).status).toBe(400);
    expect((await alice.fetch('/api/inbox?limit=5000')).status).toBe(400);
  });

  it('hides expired announcements', async () => {
    const id = await announce('expiring', { expiresAt: new Date(Date.now() + 60_000) });
    expect((await bob.json<Inbox>('/api/inbox')).body.items.some((n) => n.announcementId === id)).toBe(true);
    await world.prisma.announcement.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await bob.json<Inbox>('/api/inbox')).body.items.some((n) => n.announcementId === id)).toBe(false);
  });

  it('renders Markdown to sanitized HTML', async () => {
    await announce('xss', {
      body: '**ok** <script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) <a href="https://x.test" onclick="evil()">x</a>',
    });
    const { body } = await bob.json<Inbox>('/api/inbox?limit=1');
    const html = body.items[0]!.bodyHtml;
    expect(html).toContain('<strong>ok</strong>');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
  });

  it('gives each item a plain-text snippet of its body, at most 140 characters', async () => {
    const long = `# Heading\n\n**Bold** start, a [link](https://x.test/very/long) and \`code\`. ${'word '.repeat(60)}`;
    await announce('snippet', { body: long });
    const item = (await bob.json<Inbox>('/api/inbox?limit=1')).body.items[0]!;
    expect(item.snippet.startsWith('Heading Bold start, a link and code. word word')).toBe(true);
    expect(item.snippet.length).toBeLessThanOrEqual(140);
    expect(item.snippet.endsWith('…')).toBe(true);
    expect(item.snippet).not.toMatch(/[*#`]|https:/);
  });

  it("pages an announcement's recipients with cursor=<nextCursor> (staff), and refuses a bad cursor", async () => {
    const id = await announce('two recipients');
    const comms = await login(url, 'comms@heraldo.test');
    type Page = { items: { email: string; readAt: string | null }[]; nextCursor: string | null };
    const first = await comms.json<Page>(`/api/announcements/${id}/recipients?filter=unread&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toMatch(/^\d+$/);
    const second = await comms.json<Page>(`/api/announcements/${id}/recipients?filter=unread&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.email).not.toBe(first.body.items[0]!.email);
    expect(second.body.nextCursor).toBeNull(); // hr has two people: that was the last page
    const all = await comms.json<Page>(`/api/announcements/${id}/recipients`);
    expect(all.body.nextCursor).toBeNull();
    for (const bad of ['abc', '-1', '99999999999999999999']) {
      const res = await comms.json<{ error: { fields?: Record<string, string> } }>(`/api/announcements/${id}/recipients?cursor=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {})).toContain('cursor');
    }
    // Not staff, not its author: nothing to see.
    expect((await bob.fetch(`/api/announcements/${id}/recipients?cursor=1`)).status).toBe(404);
  });
});
