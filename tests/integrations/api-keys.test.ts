// API keys: created and revoked by admins, shown once, stored hashed, scoped, limited to
// departments, refused everywhere but the routes open to them, audited.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

let world: World;
let url: string;
let dept: Record<string, string>;
let admin: Client;
let comms: Client;

interface CreatedKey { id: string; name: string; scopes: string[]; departmentIds: string[]; key: string }

beforeAll(async () => {
  world = await createWorld();
  url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  dept = await departmentIds(world.prisma);
  admin = await login(url, 'admin@heraldo.test');
  comms = await login(url, 'comms@heraldo.test');
});
afterAll(() => world?.close());

async function createKey(body: Record<string, unknown>): Promise<CreatedKey> {
  const res = await admin.json<CreatedKey>('/api/admin/api-keys', { method: 'POST', body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const withKey = (key: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

const announcement = (audience: unknown, title = 'Backup window tonight') => ({
  title,
  body: 'The **backup** runs from 22:00.',
  audience,
  channels: ['in_app'],
});

describe('managing keys', () => {
  it('creates a key shown once and stored only as its SHA-256', async () => {
    const created = await createKey({ name: 'Monitoring', scopes: ['announcements:write'] });
    expect(created.key).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'Monitoring', scopes: ['announcements:write'], departmentIds: [] });

    const row = await world.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(created.key.startsWith(row.keyPrefix)).toBe(true);

    const list = await admin.json<Record<string, unknown>[]>('/api/admin/api-keys');
    const listed = list.body.find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ name: 'Monitoring', lastUsedAt: null, revokedAt: null, keyPrefix: row.keyPrefix });
    expect(JSON.stringify(list.body)).not.toContain(created.key);

    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'apiKey.create', targetId: created.id } });
    expect(audit).toMatchObject({ actorType: 'user', targetType: 'apiKey', details: { name: 'Monitoring', scopes: ['announcements:write'] } });
    expect(audit.actorId).toBe(admin.user.id);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = await world.prisma.apiKey.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', scopes: ['announcements:write'], departmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'departmentIds'],
      [{ name: 'x', scopes: ['admin'] }, 'scopes.0'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: '  ', scopes: ['scim'] }, 'name'],
      [{ scopes: ['scim'] }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.json<{ error: { code: string; fields: Record<string, string> } }>('/api/admin/api-keys', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    expect(await world.prisma.apiKey.count()).toBe(before);
    expect(await world.prisma.auditEvent.count({ where: { action: 'apiKey.create', details: { path: ['name'], equals: 'x' } } })).toBe(0);
  });

  it('is for admins only', async () => {
    expect((await comms.json('/api/admin/api-keys')).status).toBe(403);
    expect((await comms.json('/api/admin/api-keys', { method: 'POST', body: { name: 'x', scopes: ['scim'] } })).status).toBe(403);
  });
});

describe('publishing with a key', () => {
  it('publishes as the key: its name is the author, the audit log says so', async () => {
    const created = await createKey({ name: 'HR system', scopes: ['announcements:write'] });
    const res = await withKey(created.key, '/api/announcements', { method: 'POST', body: announcement({ type: 'all' }) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const row = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ apiKeyId: created.id, authorId: null });
    const shown = await admin.json<{ author: unknown }>(`/api/announcements/${id}`);
    expect(shown.body.author).toEqual({ type: 'apiKey', id: created.id, name: 'HR system' });
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.publish', targetId: id } });
    expect(audit).toMatchObject({ actorType: 'apiKey', actorId: created.id, actorName: 'HR system', targetType: 'announcement' });

    const key = await world.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(key.lastUsedAt).not.toBeNull();
  });

  it('records the publish of a person in the audit log too', async () => {
    const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: announcement({ type: 'all' }) });
    expect(res.status).toBe(201);
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.publish', targetId: res.body.id } });
    expect(audit).toMatchObject({ actorType: 'user', actorId: comms.user.id });
  });

  it('keeps a key limited to departments inside them (never "all")', async () => {
    const created = await createKey({ name: 'IT monitoring', scopes: ['announcements:write'], departmentIds: [dept.it] });
    const before = await world.prisma.announcement.count();
    const to = (audience: unknown) => withKey(created.key, '/api/announcements', { method: 'POST', body: announcement(audience, 'limited') });
    expect((await to({ type: 'departments', departmentIds: [dept.it] })).status).toBe(201);
    expect((await to({ type: 'departments', departmentIds: [dept.hr] })).status).toBe(403);
    expect((await to({ type: 'departments', departmentIds: [dept.it, dept.hr] })).status).toBe(403);
    expect((await to({ type: 'all' })).status).toBe(403);
    expect(await world.prisma.announcement.count()).toBe(before + 1);
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.publish', actorId: created.id } })).toBe(1);
  });

  it('refuses a key without the scope (403) and keys on every other /api route (403)', async () => {
    const scim = await createKey({ name: 'Identity provider', scopes: ['scim'] });
    const writer = await createKey({ name: 'Finance close', scopes: ['announcements:write'] });
    const refused = await withKey(scim.key, '/api/announcements', { method: 'POST', body: announcement({ type: 'all' }) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
    expect((await withKey(scim.key, '/api/integrations/alertmanager', { method: 'POST', body: {} })).status).toBe(403);

    for (const [method, path] of [
      ['GET', '/api/me'], ['GET', '/api/inbox'], ['GET', '/api/announcements'], ['GET', '/api/admin/api-keys'],
      ['POST', '/api/admin/api-keys'], ['POST', '/api/auth/logout'], ['GET', '/api/no-such-route'], ['GET', '/API/ME'],
      ['GET', '/api/announcements/'], ['POST', '/api/announcements/x/cancel'],
    ] as const) {
      expect((await withKey(writer.key, path, { method, ...(method === 'POST' ? { body: {} } : {}) })).status, `${method} ${path}`).toBe(403);
    }
    expect((await withKey(writer.key, '/api/departments')).status).toBe(200);
    expect((await withKey(scim.key, '/api/departments')).status).toBe(200);
    // Outside /api the key is no credential and no obstacle.
    expect((await withKey(writer.key, '/healthz')).status).toBe(200);
    // Nor does it open a live connection: sockets are for people.
    await expect(connectLive(url, { token: writer.key })).rejects.toThrow('unauthorized');
  });
});

describe('unknown and revoked keys', () => {
  it('answers 401 to an unknown key, and to a revoked one at once', async () => {
    expect((await withKey('hk_notAKeyWeIssued', '/api/departments')).status).toBe(401);
    expect((await withKey(`hk_${'x'.repeat(500)}`, '/api/announcements', { method: 'POST', body: {} })).status).toBe(401);

    const created = await createKey({ name: 'Old payroll', scopes: ['announcements:write'] });
    expect((await withKey(created.key, '/api/departments')).status).toBe(200);
    const revoked = await admin.json<{ revokedAt: string }>(`/api/admin/api-keys/${created.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    const before = await world.prisma.announcement.count();
    expect((await withKey(created.key, '/api/announcements', { method: 'POST', body: announcement({ type: 'all' }) })).status).toBe(401);
    expect((await withKey(created.key, '/api/departments')).status).toBe(401);
    expect(await world.prisma.announcement.count()).toBe(before);

    // Revoking again changes nothing and records nothing more.
    expect((await admin.json(`/api/admin/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await world.prisma.auditEvent.count({ where: { action: 'apiKey.revoke', targetId: created.id } })).toBe(1);
    expect((await admin.json('/api/admin/api-keys/00000000-0000-4000-8000-000000000000', { method: 'DELETE' })).status).toBe(404);
    expect((await comms.json(`/api/admin/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(403);
  });
});
