// Who may publish to whom, and what bad input gets back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

let world: World;
let url: string;
let dept: Record<string, string>;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  world = await createWorld();
  // api only: nothing fans out, these tests are about the request
  url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  dept = await departmentIds(world.prisma);
  for (const who of ['admin', 'comms', 'it.manager', 'hr.manager', 'alice']) clients[who] = await login(url, `${who}@heraldo.test`);
});
afterAll(() => world.close());

const draft = (audience: unknown, extra: Record<string, unknown> = {}) => ({
  title: 'Server maintenance',
  body: 'We **reboot** tonight.',
  audience,
  channels: ['in_app'],
  priority: 'normal',
  ...extra,
});

describe('permission matrix', () => {
  const cases: [string, () => unknown, number][] = [
    ['admin', () => ({ type: 'all' }), 201],
    ['admin', () => ({ type: 'departments', departmentIds: [dept.sales] }), 201],
    ['comms', () => ({ type: 'all' }), 201],
    ['comms', () => ({ type: 'departments', departmentIds: [dept.it, dept.hr] }), 201],
    ['it.manager', () => ({ type: 'departments', departmentIds: [dept.it] }), 201],
    ['it.manager', () => ({ type: 'departments', departmentIds: [dept.hr] }), 403],
    ['it.manager', () => ({ type: 'departments', departmentIds: [dept.it, dept.hr] }), 403],
    ['it.manager', () => ({ type: 'all' }), 403],
    ['hr.manager', () => ({ type: 'departments', departmentIds: [dept.hr] }), 201],
    ['hr.manager', () => ({ type: 'departments', departmentIds: [dept.it] }), 403],
    ['alice', () => ({ type: 'departments', departmentIds: [dept.it] }), 403],
    ['alice', () => ({ type: 'all' }), 403],
  ];
  it.each(cases)('%s → %o gets %i', async (who, audience, status) => {
    const before = await world.prisma.announcement.count();
    const res = await clients[who]!.json<{ id: string; status: string; error?: { code: string } }>('/api/announcements', {
      method: 'POST',
      body: draft(audience()),
    });
    expect(res.status).toBe(status);
    const after = await world.prisma.announcement.count();
    if (status === 201) {
      expect(res.body.status).toBe('published');
      expect(after).toBe(before + 1);
      const stored = await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored.fanoutPending).toBe(true); // the mark, written with it
    } else {
      expect(res.body.error?.code).toBe('forbidden');
      expect(after).toBe(before); // nothing half-written
    }
  });

  it('lets only staff and the author inspect an announcement', async () => {
    const created = await clients['it.manager']!.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: draft({ type: 'departments', departmentIds: [dept.it] }),
    });
    const id = created.body.id;
    expect((await clients['it.manager']!.fetch(`/api/announcements/${id}/stats`)).status).toBe(200);
    expect((await clients.comms!.fetch(`/api/announcements/${id}`)).status).toBe(200);
    expect((await clients['hr.manager']!.fetch(`/api/announcements/${id}/stats`)).status).toBe(404);
    expect((await clients.alice!.fetch(`/api/announcements/${id}`)).status).toBe(404);
  });
});

describe('validation', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['empty title', { title: '  ' }, 'title'],
    ['no body', { body: '' }, 'body'],
    ['unknown channel', { channels: ['fax'] }, 'channels.0'],
    ['no channel', { channels: [] }, 'channels'],
    ['bad priority', { priority: 'whenever' }, 'priority'],
    ['bad audience', { audience: { type: 'everyone' } }, 'audience.type'],
    ['no departments', { audience: { type: 'departments', departmentIds: [] } }, 'audience.departmentIds'],
    ['not a uuid', { audience: { type: 'departments', departmentIds: ['it'] } }, 'audience.departmentIds.0'],
    ['bad date', { scheduledAt: 'tomorrow' }, 'scheduledAt'],
    ['past schedule', { scheduledAt: '2020-01-01T00:00:00Z' }, 'scheduledAt'],
    ['expiry before schedule', { scheduledAt: '2099-01-02T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' }, 'expiresAt'],
    ['requireAck not boolean', { requireAck: 'yes' }, 'requireAck'],
  ];
  it.each(bad)('%s → 400 naming %s', async (_name, override, field) => {
    const before = await world.prisma.announcement.count();
    const res = await clients.comms!.json<{ error: { code: string; fields: Record<string, string> } }>('/api/announcements', {
      method: 'POST',
      body: { ...draft({ type: 'all' }), ...override },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields)).toContain(field);
    expect(await world.prisma.announcement.count()).toBe(before);
  });

  it("answers in the reader's language (Accept-Language), codes unchanged", async () => {
    const body = { ...draft({ type: 'all' }), title: ' ', channels: [], priority: 'whenever', requireAck: 'yes' };
    const post = (lang?: string) =>
      clients.comms!.fetch('/api/announcements', { method: 'POST', body, headers: lang ? { 'Accept-Language': lang } : {} }).then((r) => r.json());
    const es = (await post('es-ES,es;q=0.9')) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(es.error.code).toBe('validation_failed');
    expect(es.error.message).toBe('Algunos campos no son válidos');
    expect(es.error.fields).toMatchObject({
      title: 'Ponle un título', // the schema's own message, from the catalogue
      channels: 'Elige al menos un canal',
      priority: 'Opción inválida: se esperaba una de "normal"|"high"|"urgent"', // zod's own, in Spanish
    });
    expect(es.error.fields.requireAck).toBe('Entrada inválida: se esperaba booleano');
    for (const lang of ['en', undefined, '*', 'fr']) {
      const en = (await post(lang)) as { error: { message: string; fields: Record<string, string> } };
      expect(en.error.message, String(lang)).toBe('Some fields are invalid');
      expect(en.error.fields.title).toBe('Give it a title');
    }
  });

  it('rejects departments that do not exist', async () => {
    const res = await clients.comms!.json<{ error: { fields: Record<string, string> } }>('/api/announcements', {
      method: 'POST',
      body: draft({ type: 'departments', departmentIds: ['00000000-0000-4000-8000-000000000000'] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['audience.departmentIds']).toMatch(/Unknown department/);
  });

  it('stores a future schedule as scheduled', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const res = await clients.comms!.json<{ status: string }>('/api/announcements', { method: 'POST', body: draft({ type: 'all' }, { scheduledAt: at }) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('scheduled');
  });

  it('answers unknown ids with 404 and malformed ones with 400', async () => {
    expect((await clients.comms!.fetch('/api/announcements/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await clients.comms!.fetch('/api/announcements/nope')).status).toBe(400);
    expect((await clients.comms!.fetch('/api/nothing-here')).status).toBe(404);
  });
});

describe('the list: pages, title search, status filter', () => {
  type Row = { id: string; title: string; status: string };
  it('pages newest first with before=<last id>, searches titles, filters by status', async () => {
    const tag = `Pager ${Date.now()}`;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const res = await clients.comms!.json<{ id: string }>('/api/announcements', { method: 'POST', body: { ...draft({ type: 'all' }), title: `${tag} #${i}` } });
      ids.push(res.body.id);
    }
    const at = new Date(Date.now() + 3600_000).toISOString();
    await clients.comms!.json('/api/announcements', { method: 'POST', body: { ...draft({ type: 'all' }, { scheduledAt: at }), title: `${tag} later` } });

    const q = encodeURIComponent(tag.toLowerCase()); // case-insensitive
    const first = await clients.comms!.json<Row[]>(`/api/announcements?q=${q}&status=published&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.map((a) => a.title)).toEqual([`${tag} #3`, `${tag} #2`]);
    const next = await clients.comms!.json<Row[]>(`/api/announcements?q=${q}&status=published&limit=2&before=${first.body[1]!.id}`);
    expect(next.body.map((a) => a.title)).toEqual([`${tag} #1`]);
    const scheduled = await clients.comms!.json<(Row & { recipientCount: number; expectedRecipients: number | null })[]>(`/api/announcements?q=${q}&status=scheduled`);
    expect(scheduled.body.map((a) => [a.title, a.status])).toEqual([[`${tag} later`, 'scheduled']]);
    // Not 0: how many it would reach today (everyone active), beside the 0 it has reached.
    expect(scheduled.body[0]).toMatchObject({ recipientCount: 0, expectedRecipients: await world.prisma.user.count({ where: { active: true } }) });
    expect((first.body[0] as Row & { expectedRecipients: number | null }).expectedRecipients).toBeNull();
    // Without parameters: the same bare array as ever.
    expect(Array.isArray((await clients.comms!.json<Row[]>('/api/announcements')).body)).toBe(true);
    // A manager's list holds only his own, whatever he searches.
    expect((await clients['it.manager']!.json<Row[]>(`/api/announcements?q=${q}`)).body).toEqual([]);
  });

  it('answers bad paging and filter input with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['before=nope', 'before'],
      ['status=lost', 'status'],
      ['q=a&q=b', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['q=%00', 'q'],
    ] as const) {
      const res = await clients.comms!.json<{ error: { code: string; fields?: Record<string, string> } }>(`/api/announcements?${query}`);
      expect(res.status, query).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {}), query).toContain(field);
    }
  });
});
