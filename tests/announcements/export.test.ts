// recipients.csv: the header of the contract, one row per recipient, escaping done by a CSV
// library, and a large audience streamed whole.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let comms: Client;
let dept: Record<string, string>;

const HEADER = 'name,email,departments,read_at,ack_at,email_status';

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  dept = await departmentIds(world.prisma);
});
afterAll(async () => {
  await world.close();
  await smtp.stop();
});

async function publish(audience: unknown, channels = ['in_app', 'email']) {
  const res = await comms.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { title: 'Export me', body: 'x', channels, requireAck: true, audience },
  });
  expect(res.status).toBe(201);
  await waitUntil(async () => !(await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } })).fanoutPending, 60_000, 'fan-out');
  return res.body.id;
}

describe('GET /api/announcements/:id/recipients.csv', () => {
  it('has the contract\'s header and one escaped row per recipient', async () => {
    // A name with a comma, quotes, a line break, and one a spreadsheet would run as a formula.
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { name: 'Doe, "Alice"\nIT' } });
    await world.prisma.user.update({ where: { email: 'it.manager@heraldo.test' }, data: { name: '=HYPERLINK("http://x")' } });
    const id = await publish({ type: 'departments', departmentIds: [dept.it, dept.hr] });
    await waitUntil(async () => (await world.prisma.delivery.count({ where: { announcementId: id, status: 'pending' } })) === 0, 15_000, 'emails');
    const alice = await login(node.url!, 'alice@heraldo.test');
    const n = (await alice.json<{ items: { id: string; announcementId: string }[] }>('/api/inbox')).body.items.find((i) => i.announcementId === id)!;
    await alice.json(`/api/inbox/${n.id}/ack`, { method: 'POST' });

    const res = await comms.fetch(`/api/announcements/${id}/recipients.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="recipients-${id}.csv"`);
    const text = await res.text();
    expect(text.split('\n')[0]).toBe(HEADER);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.email).sort()).toEqual(['alice@heraldo.test', 'bob@heraldo.test', 'hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    const a = rows.find((r) => r.email === 'alice@heraldo.test')!;
    expect(a).toMatchObject({ name: 'Doe, "Alice"\nIT', departments: 'it', email_status: 'sent' });
    expect(new Date(a.read_at!).toISOString()).toBe(a.read_at);
    expect(a.ack_at).toBe(a.read_at);
    expect(rows.find((r) => r.email === 'bob@heraldo.test')).toMatchObject({ read_at: '', ack_at: '', departments: 'hr' });
    // Formula injection defused: the cell starts with a quote.
    expect(rows.find((r) => r.email === 'it.manager@heraldo.test')!.name).toBe('\'=HYPERLINK("http://x")');
  });

  it('leaves email_status empty when the announcement was not sent by email', async () => {
    const id = await publish({ type: 'departments', departmentIds: [dept.sales] }, ['in_app']);
    const rows = parse(await (await comms.fetch(`/api/announcements/${id}/recipients.csv`)).text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([{ name: 'Dan Moe', email: 'dan@heraldo.test', departments: 'sales', read_at: '', ack_at: '', email_status: '' }]);
  });

  it('streams a 20,000-person audience whole, in order of person, each once', { timeout: 120_000 }, async () => {
    const COUNT = 20_000;
    const big = await world.prisma.department.create({ data: { slug: 'export-big', name: 'Export Big' } });
    await world.prisma.$executeRaw`
      INSERT INTO "User" (id, email, name, role, "updatedAt")
      SELECT gen_random_uuid(), 'csv' || i || '@heraldo.test', 'CSV Person ' || i, 'employee', now() FROM generate_series(1, ${COUNT}) i`;
    await world.prisma.$executeRaw`
      INSERT INTO "Membership" ("userId", "departmentId") SELECT id, ${big.id}::uuid FROM "User" WHERE email LIKE 'csv%@heraldo.test'`;
    const id = await publish({ type: 'departments', departmentIds: [big.id] }, ['in_app']);
    // Some have read it.
    await world.prisma.$executeRaw`UPDATE "Notification" SET "readAt" = now() WHERE "announcementId" = ${id}::uuid AND id % 7 = 0`;

    const started = performance.now();
    const res = await comms.fetch(`/api/announcements/${id}/recipients.csv`);
    expect(res.status).toBe(200);
    // Read it as a stream, as a browser would.
    let text = '';
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    const ms = performance.now() - started;
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.email)).size).toBe(COUNT);
    expect(rows.every((r) => r.departments === 'export-big')).toBe(true);
    const read = rows.filter((r) => r.read_at !== '').length;
    expect(read).toBe(await world.prisma.notification.count({ where: { announcementId: id, readAt: { not: null } } }));
    // In the order of the cursor: the person's id.
    const order = await world.prisma.notification.findMany({ where: { announcementId: id }, orderBy: { userId: 'asc' }, select: { user: { select: { email: true } } } });
    expect(rows.map((r) => r.email)).toEqual(order.map((o) => o.user.email));
    console.log(`recipients.csv: ${COUNT} rows, ${(text.length / 1e6).toFixed(1)} MB in ${Math.round(ms)} ms`);
  });
});
