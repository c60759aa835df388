// Drafts on the server: create-or-update by the composer's id, only one's own, 4xx on bad input.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFTS } from '../../server/drafts/drafts.js';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

let world: World;
let dept: Record<string, string>;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  world = await createWorld();
  const url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  dept = await departmentIds(world.prisma);
  for (const who of ['comms', 'it.manager', 'hr.manager', 'alice']) clients[who] = await login(url, `${who}@heraldo.test`);
});
afterAll(() => world.close());

interface DraftAnswer {
  id: string;
  title: string;
  body: string;
  fields: Record<string, unknown>;
  updatedAt: string;
  error?: { code: string; fields?: Record<string, string> };
}
const put = (who: string, id: string, body: unknown) => clients[who]!.json<DraftAnswer>(`/api/drafts/${id}`, { method: 'PUT', body });
const list = async (who: string) => (await clients[who]!.json<{ items: DraftAnswer[] }>('/api/drafts')).body.items;

describe('drafts', () => {
  it('creates, updates, lists newest first and deletes one\'s own', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const fields = { audienceType: 'departments', departmentIds: [dept.it], channels: ['in_app', 'email'], priority: 'high', scheduledAt: '2026-12-01T09:00' };
    const created = await put('it.manager', a, { title: 'Half', body: 'Wri', fields });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: a, title: 'Half', body: 'Wri', fields });
    await put('it.manager', b, { title: 'Other' });
    const updated = await put('it.manager', a, { title: 'Half done', body: 'Written', fields });
    expect(updated.body.title).toBe('Half done');
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
    expect((await list('it.manager')).map((d) => d.id)).toEqual([a, b]);
    expect(await world.prisma.draft.count({ where: { id: a } })).toBe(1);

    expect((await clients['it.manager']!.fetch(`/api/drafts/${b}`, { method: 'DELETE' })).status).toBe(204);
    expect((await clients['it.manager']!.fetch(`/api/drafts/${b}`, { method: 'DELETE' })).status).toBe(404);
    expect((await list('it.manager')).map((d) => d.id)).toEqual([a]);
  });

  it('hides one person\'s drafts from another: 404, never overwritten', async () => {
    const id = randomUUID();
    await put('it.manager', id, { title: 'Mine' });
    expect((await put('hr.manager', id, { title: 'Taken over' })).status).toBe(404);
    expect((await clients['hr.manager']!.fetch(`/api/drafts/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await list('hr.manager')).map((d) => d.id)).not.toContain(id);
    expect((await world.prisma.draft.findUniqueOrThrow({ where: { id } })).title).toBe('Mine');
  });

  it('refuses employees', async () => {
    expect((await clients.alice!.fetch('/api/drafts')).status).toBe(403);
    expect((await put('alice', randomUUID(), { title: 'x' })).status).toBe(403);
    expect((await clients.alice!.fetch(`/api/drafts/${randomUUID()}`, { method: 'DELETE' })).status).toBe(403);
  });

  it('answers bad input with 400 naming the field', async () => {
    const bad: [string, unknown, string][] = [
      [randomUUID(), { title: 'x'.repeat(201) }, 'title'],
      [randomUUID(), { body: 'a\u0000b' }, 'body'],
      [randomUUID(), { fields: { channels: ['fax'] } }, 'fields.channels.0'],
      [randomUUID(), { fields: { scheduledAt: 'tomorrow' } }, 'fields.scheduledAt'],
      [randomUUID(), { fields: { colour: 'red' } }, 'fields'],
      [randomUUID(), { title: 5 }, 'title'],
    ];
    for (const [id, body, field] of bad) {
      const res = await put('comms', id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(res.body)).toContain(field);
    }
    expect((await put('comms', 'not-a-uuid', { title: 'x' })).status).toBe(400);
  });

  it(`keeps at most ${MAX_DRAFTS} drafts per person`, async () => {
    const user = await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' } });
    const have = await world.prisma.draft.count({ where: { authorId: user.id } });
    await world.prisma.draft.createMany({ data: Array.from({ length: MAX_DRAFTS - have }, () => ({ id: randomUUID(), authorId: user.id })) });
    const res = await put('comms', randomUUID(), { title: 'One too many' });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('too_many_drafts');
    const [newest] = await list('comms');
    expect((await put('comms', newest!.id, { title: 'Still editable' })).status).toBe(200);
  });
});
