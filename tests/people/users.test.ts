// People through /api/admin/users: creating, listing (search, filters, pages), changing,
// the field-by-field refusals, email conflicts, the last admin, and the audit events written
// in the same transaction as the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, updateUser } from '../../server/people/index.js';
import { userActor } from '../../server/audit/audit.js';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, login, type Client, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let admin: Client;

interface User { id: string; email: string; name: string; role: string; active: boolean; locale: string; timezone: string; departments: { id: string; slug: string; name: string; isManager: boolean }[] }
interface Page { items: User[]; nextCursor: string | null }

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  admin = await login(node.url!, 'admin@heraldo.test');
});
afterAll(() => world?.close());

const create = (body: Record<string, unknown>) => admin.json<User & { error?: { code: string; fields?: Record<string, string> } }>('/api/admin/users', { method: 'POST', body });
const auditCount = (action: string) => world.prisma.auditEvent.count({ where: { action } });

describe('creating people', () => {
  it('creates a person with departments, manager flags, locale and timezone, stored lower-case', async () => {
    const res = await create({
      email: '  Nora.Nuevo@Heraldo.TEST ', name: 'Nora  Nuevo', role: 'manager',
      departments: [{ slug: 'it', isManager: true }, { slug: 'hr' }], locale: 'es', timezone: 'America/Mexico_City',
      password: 'a long enough password',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'nora.nuevo@heraldo.test', name: 'Nora Nuevo', role: 'manager', active: true, locale: 'es', timezone: 'America/Mexico_City',
    });
    expect(res.body.departments.map((d) => [d.slug, d.isManager])).toEqual([['hr', false], ['it', true]]);
    expect(Object.keys(res.body.departments[0]!).sort()).toEqual(['id', 'isManager', 'name', 'slug']);
    // The password works at once; the new manager may publish to IT.
    const nora = await login(node.url!, 'NORA.NUEVO@heraldo.test', 'a long enough password');
    expect(nora.user.email).toBe('nora.nuevo@heraldo.test');
    const event = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.create', targetId: res.body.id } });
    const me = await world.prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } });
    expect(event).toMatchObject({ actorType: 'user', actorId: me.id, actorName: me.name, targetType: 'user' });
    expect(event.details).toMatchObject({ email: 'nora.nuevo@heraldo.test', role: 'manager', invited: false });
    // GET /api/admin/users/:id answers the same person.
    const one = await admin.json<User>(`/api/admin/users/${res.body.id}`);
    expect(one.body).toMatchObject({ id: res.body.id, email: 'nora.nuevo@heraldo.test' });
  });

  it('refuses the same email in any case with 409 conflict, and writes nothing', async () => {
    const before = await world.prisma.user.count();
    const events = await auditCount('user.create');
    const res = await create({ email: 'ALICE@heraldo.test', name: 'Alice Again', role: 'employee' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', fields: { email: expect.any(String) } });
    expect(await world.prisma.user.count()).toBe(before);
    expect(await auditCount('user.create')).toBe(events);
  });

  it('names every bad field with a 400', async () => {
    const before = await world.prisma.user.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email', name: 'X', role: 'employee' }, 'email'],
      [{ email: 'x1@heraldo.test', name: '', role: 'employee' }, 'name'],
      [{ email: 'x2@heraldo.test', name: 'a\u0000b', role: 'employee' }, 'name'],
      [{ email: 'x3@heraldo.test', name: 'X', role: 'boss' }, 'role'],
      [{ email: 'x4@heraldo.test', name: 'X', role: 'employee', locale: 'fr' }, 'locale'],
      [{ email: 'x5@heraldo.test', name: 'X', role: 'employee', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ email: 'x6@heraldo.test', name: 'X', role: 'employee', password: 'short' }, 'password'],
      [{ email: 'x7@heraldo.test', name: 'X', role: 'employee', departments: [{ slug: 'Not A Slug' }] }, 'departments.0.slug'],
      [{ email: 'x8@heraldo.test', name: 'X', role: 'employee', departments: [{ slug: 'nowhere' }] }, 'departments'],
      [{ email: 'x9@heraldo.test', name: 'X', role: 'employee', isAdmin: true }, '_'],
      [{ email: 'x10@heraldo.test', role: 'employee' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error!.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await world.prisma.user.count()).toBe(before);
  });

  it('accepts every IANA name Intl knows, aliases included', async () => {
    for (const [i, timezone] of ['Asia/Kolkata', 'US/Pacific', 'Etc/GMT+5', 'europe/madrid'].entries()) {
      const res = await create({ email: `tz${i}@heraldo.test`, name: `Zone ${i}`, role: 'employee', timezone });
      expect(res.status, timezone).toBe(201);
    }
    expect((await admin.json<User>('/api/admin/users?query=tz3@')).body).toMatchObject({ items: [{ timezone: 'Europe/Madrid' }] });
  });
});

describe('listing people', () => {
  it('searches name or email in any case, filters by department and active, and pages by cursor', async () => {
    const all: User[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Page } = await admin.json<Page>(`/api/admin/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    const total = await world.prisma.user.count();
    expect(all.length).toBe(total);
    expect(new Set(all.map((u) => u.id)).size).toBe(total); // no one twice, no one skipped
    expect(Object.keys(all[0]!).sort()).toEqual(['active', 'departments', 'email', 'id', 'locale', 'name', 'role', 'timezone']);

    const byName = await admin.json<Page>('/api/admin/users?query=ALICE');
    expect(byName.body.items.map((u) => u.email)).toEqual(['alice@heraldo.test']);
    const byEmail = await admin.json<Page>('/api/admin/users?query=Manager%40HERALDO');
    expect(byEmail.body.items.map((u) => u.email).sort()).toEqual(['hr.manager@heraldo.test', 'it.manager@heraldo.test']);
    const it = await admin.json<Page>('/api/admin/users?department=it&limit=200');
    expect(it.body.items.every((u) => u.departments.some((d) => d.slug === 'it'))).toBe(true);
    expect(it.body.items.map((u) => u.email)).toContain('alice@heraldo.test');
    expect(it.body.items.map((u) => u.email)).not.toContain('bob@heraldo.test');
  });

  it('refuses bad filters with a 400 naming them', async () => {
    for (const [q, field] of [['limit=0', 'limit'], ['limit=abc', 'limit'], ['active=maybe', 'active'], ['department=Bad%20Slug', 'department'], ['cursor=garbage', 'cursor']]) {
      const res = await admin.json<{ error: { fields: Record<string, string> } }>(`/api/admin/users?${q}`);
      expect(res.status, q).toBe(400);
      expect(Object.keys(res.body.error.fields), q).toContain(field);
    }
    expect((await admin.json('/api/admin/users/not-a-uuid')).status).toBe(404);
    expect((await admin.json('/api/admin/users/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('changing people', () => {
  it('changes role, departments, manager flags, locale and timezone, and records what changed', async () => {
    const carol = await world.prisma.user.findUniqueOrThrow({ where: { email: 'carol@heraldo.test' } });
    const res = await admin.json<User>(`/api/admin/users/${carol.id}`, {
      method: 'PATCH',
      body: { role: 'manager', departments: [{ slug: 'finance', isManager: true }, { slug: 'sales' }], locale: 'es', timezone: 'Europe/Madrid', name: 'Carol Cifuentes' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'manager', locale: 'es', timezone: 'Europe/Madrid', name: 'Carol Cifuentes' });
    expect(res.body.departments.map((d) => [d.slug, d.isManager])).toEqual([['finance', true], ['sales', false]]);
    const event = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.update', targetId: carol.id }, orderBy: { id: 'desc' } });
    expect(event.details).toMatchObject({ changes: { role: { from: 'employee', to: 'manager' }, departments: { from: ['finance'], to: ['finance (manager)', 'sales'] } } });
    // The same values again change nothing and record nothing.
    const events = await auditCount('user.update');
    const again = await admin.json<User>(`/api/admin/users/${carol.id}`, { method: 'PATCH', body: { role: 'manager', locale: 'es' } });
    expect(again.status).toBe(200);
    expect(await auditCount('user.update')).toBe(events);
  });

  it('refuses bad patches field by field, unknown users with 404', async () => {
    const dan = await world.prisma.user.findUniqueOrThrow({ where: { email: 'dan@heraldo.test' } });
    for (const [body, field] of [[{ role: 'root' }, 'role'], [{ active: 'no' }, 'active'], [{ email: 'x@y.z' }, '_'], [{ timezone: '+05:00' }, 'timezone'], [{ departments: [{ slug: 'ghost' }] }, 'departments']] as const) {
      const res = await admin.json<{ error: { fields: Record<string, string> } }>(`/api/admin/users/${dan.id}`, { method: 'PATCH', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const after = await world.prisma.user.findUniqueOrThrow({ where: { email: 'dan@heraldo.test' }, include: { memberships: true } });
    expect(after).toMatchObject({ role: 'employee', active: true, timezone: dan.timezone });
    expect(after.memberships).toHaveLength(1);
    expect((await admin.json('/api/admin/users/00000000-0000-4000-8000-000000000000', { method: 'PATCH', body: { name: 'X' } })).status).toBe(404);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated (409 last_admin); with a second admin it can', async () => {
    const self = admin.user.id;
    for (const body of [{ role: 'employee' }, { active: false }]) {
      const res = await admin.json<{ error: { code: string } }>(`/api/admin/users/${self}`, { method: 'PATCH', body });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('last_admin');
    }
    expect(await world.prisma.user.findUniqueOrThrow({ where: { id: self } })).toMatchObject({ role: 'admin', active: true });

    // Two admins demoting each other at the same moment: exactly one of them succeeds.
    const second = await create({ email: 'second.admin@heraldo.test', name: 'Second Admin', role: 'admin', password: 'second admin password' });
    expect(second.status).toBe(201);
    const other = await login(node.url!, 'second.admin@heraldo.test', 'second admin password');
    const results = await Promise.all([
      admin.json(`/api/admin/users/${second.body.id}`, { method: 'PATCH', body: { role: 'employee' } }),
      other.json(`/api/admin/users/${self}`, { method: 'PATCH', body: { active: false } }),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 401 || s === 403)).toHaveLength(1);
    expect(await world.prisma.user.count({ where: { role: 'admin', active: true } })).toBe(1);
    // Put things back for the other tests: the first admin stays.
    const left = await world.prisma.user.findFirstOrThrow({ where: { role: 'admin', active: true } });
    if (left.id !== self) {
      await world.prisma.$transaction((tx) => updateUser(tx, userActor({ id: left.id, name: left.name }), self, { active: true }));
    }
  });
});

describe('the audit log of people', () => {
  it('writes nothing when the change fails, and the event commits with the change', async () => {
    const actor = userActor({ id: admin.user.id, name: 'Admin' });
    const events = await world.prisma.auditEvent.count();
    // A change that fails after its audit event was written: both roll back together.
    await expect(
      world.prisma.$transaction(async (tx) => {
        await createUser(tx, actor, { email: 'rolled.back@heraldo.test', name: 'Rolled Back', password: 'rolled back password' });
        throw new Error('something later in the same transaction failed');
      }),
    ).rejects.toThrow('something later');
    expect(await world.prisma.auditEvent.count()).toBe(events);
    expect(await world.prisma.user.findUnique({ where: { email: 'rolled.back@heraldo.test' } })).toBeNull();
    // A change refused by the last-admin rule records nothing either.
    await expect(world.prisma.$transaction((tx) => updateUser(tx, actor, admin.user.id, { role: 'employee', name: 'Renamed' }))).rejects.toMatchObject({ code: 'last_admin' });
    expect(await world.prisma.auditEvent.count()).toBe(events);
    expect((await world.prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } })).name).not.toBe('Renamed');
  });

  it('lists the events newest first, by action, a page at a time', async () => {
    type Audit = { items: { id: string; at: string; actor: { type: string; id: string; name: string }; action: string; targetType: string; targetId: string; details: unknown }[]; nextCursor: string | null };
    const first = await admin.json<Audit>('/api/admin/audit?limit=2&action=user.create');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e) => e.action === 'user.create')).toBe(true);
    expect(first.body.items[0]!.actor).toEqual({ type: 'user', id: admin.user.id, name: expect.any(String) });
    expect(BigInt(first.body.items[0]!.id)).toBeGreaterThan(BigInt(first.body.items[1]!.id));
    const next = await admin.json<Audit>(`/api/admin/audit?limit=2&action=user.create&before=${first.body.nextCursor}`);
    expect(BigInt(next.body.items[0]!.id)).toBeLessThan(BigInt(first.body.items[1]!.id));
    for (const q of ['limit=500', 'before=abc', `before=${2n ** 63n}`, 'action=user.explode']) {
      expect((await admin.json(`/api/admin/audit?${q}`)).status, q).toBe(400);
    }
  });
});
