// Departments through /api/admin/departments: create, list with their active members, change,
// slug rules and conflicts; the v1 list shows a new one at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, login, type Client, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let admin: Client;
let alice: Client;

interface Department { id: string; slug: string; name: string; slackChannelId: string | null; memberCount: number }
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  admin = await login(node.url!, 'admin@heraldo.test');
  alice = await login(node.url!, 'alice@heraldo.test');
});
afterAll(() => world?.close());

describe('departments', () => {
  it('lists every department with its active members', async () => {
    const res = await admin.json<Department[]>('/api/admin/departments');
    expect(res.status).toBe(200);
    const it = res.body.find((d) => d.slug === 'it')!;
    expect(it).toEqual({ id: expect.any(String), slug: 'it', name: 'IT', slackChannelId: 'C_IT', memberCount: 2 });
    // A deactivated member no longer counts.
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: false } });
    expect((await admin.json<Department[]>('/api/admin/departments')).body.find((d) => d.slug === 'it')!.memberCount).toBe(1);
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: true } });
  });

  it('creates one, which everyone sees at once in GET /api/departments, and audits it', async () => {
    const res = await admin.json<Department>('/api/admin/departments', { method: 'POST', body: { slug: 'legal-2', name: 'Legal & Compliance', slackChannelId: 'C0LEGAL' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), slug: 'legal-2', name: 'Legal & Compliance', slackChannelId: 'C0LEGAL', memberCount: 0 });
    expect((await alice.json<{ slug: string }[]>('/api/departments')).body.map((d) => d.slug)).toContain('legal-2');
    const event = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'department.create', targetId: res.body.id } });
    expect(event.details).toMatchObject({ slug: 'legal-2', name: 'Legal & Compliance' });
    const noChannel = await admin.json<Department>('/api/admin/departments', { method: 'POST', body: { slug: 'ops', name: 'Operations' } });
    expect(noChannel.body.slackChannelId).toBeNull();
  });

  it('refuses a taken slug with 409 conflict and bad fields with 400 naming them', async () => {
    const taken = await admin.json<Err>('/api/admin/departments', { method: 'POST', body: { slug: 'it', name: 'Another IT' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'conflict', fields: { slug: expect.any(String) } });
    const count = await world.prisma.department.count();
    for (const [body, field] of [
      [{ slug: 'Upper', name: 'X' }, 'slug'],
      [{ slug: '-lead', name: 'X' }, 'slug'],
      [{ slug: 'a'.repeat(41), name: 'X' }, 'slug'],
      [{ slug: 'ok-slug', name: '' }, 'name'],
      [{ slug: 'ok-slug', name: 'X', slackChannelId: 'has spaces' }, 'slackChannelId'],
      [{ slug: 'ok-slug', name: 'X', color: 'red' }, '_'],
      [{ name: 'X' }, 'slug'],
    ] as const) {
      const res = await admin.json<Err>('/api/admin/departments', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    expect(await world.prisma.department.count()).toBe(count);
  });

  it('changes name, slug and Slack channel; a taken slug is 409; unknown ids 404', async () => {
    const hr = (await admin.json<Department[]>('/api/admin/departments')).body.find((d) => d.slug === 'hr')!;
    const res = await admin.json<Department>(`/api/admin/departments/${hr.id}`, { method: 'PATCH', body: { name: 'People & Culture', slug: 'people', slackChannelId: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: hr.id, slug: 'people', name: 'People & Culture', slackChannelId: null, memberCount: hr.memberCount });
    const event = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'department.update', targetId: hr.id } });
    expect(event.details).toMatchObject({ changes: { slug: { from: 'hr', to: 'people' }, slackChannelId: { from: 'C_HR', to: null } } });
    const clash = await admin.json<Err>(`/api/admin/departments/${hr.id}`, { method: 'PATCH', body: { slug: 'it' } });
    expect(clash.status).toBe(409);
    expect((await admin.json(`/api/admin/departments/${hr.id}`, { method: 'PATCH', body: { slug: 'NO' } })).status).toBe(400);
    expect((await admin.json('/api/admin/departments/00000000-0000-4000-8000-000000000000', { method: 'PATCH', body: { name: 'X' } })).status).toBe(404);
    expect((await admin.json('/api/admin/departments/nope', { method: 'PATCH', body: { name: 'X' } })).status).toBe(404);
  });
});
