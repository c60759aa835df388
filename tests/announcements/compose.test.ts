// The composer's helper routes: the audience count behind "Send to N people…?" and the test
// send to oneself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

let world: World;
let url: string;
let dept: Record<string, string>;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  world = await createWorld();
  url = (await world.start({ HERALDO_SERVICES: 'api' })).url!;
  dept = await departmentIds(world.prisma);
  for (const who of ['comms', 'it.manager', 'alice']) clients[who] = await login(url, `${who}@heraldo.test`);
});
afterAll(() => world.close());

const count = (who: string, audience: unknown) =>
  clients[who]!.json<{ recipients: number; error?: { code: string; fields?: Record<string, string> } }>('/api/announcements/audience', {
    method: 'POST',
    body: { audience },
  });

describe('POST /api/announcements/audience', () => {
  it('counts the active members the fan-out would reach, each once', async () => {
    const active = await world.prisma.user.count({ where: { active: true } });
    expect((await count('comms', { type: 'all' })).body.recipients).toBe(active);
    const members = async (slugs: string[]) =>
      world.prisma.user.count({ where: { active: true, memberships: { some: { department: { slug: { in: slugs } } } } } });
    const itHr = await count('comms', { type: 'departments', departmentIds: [dept.it, dept.hr, dept.it] });
    expect(itHr.body.recipients).toBe(await members(['it', 'hr']));
    // Someone deactivated is no longer counted.
    const before = (await count('it.manager', { type: 'departments', departmentIds: [dept.it] })).body.recipients;
    await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: false } });
    try {
      expect((await count('it.manager', { type: 'departments', departmentIds: [dept.it] })).body.recipients).toBe(before - 1);
    } finally {
      await world.prisma.user.update({ where: { email: 'alice@heraldo.test' }, data: { active: true } });
    }
  });

  it('refuses what publishing refuses', async () => {
    expect((await count('it.manager', { type: 'all' })).status).toBe(403);
    expect((await count('it.manager', { type: 'departments', departmentIds: [dept.hr] })).status).toBe(403);
    expect((await count('alice', { type: 'departments', departmentIds: [dept.it] })).status).toBe(403);
    const bad = await count('comms', { type: 'departments', departmentIds: [] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.fields ?? {})).toContain('audience.departmentIds');
    const unknown = await count('comms', { type: 'departments', departmentIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.fields?.['audience.departmentIds']).toMatch(/Unknown/);
    expect((await count('comms', 'everyone')).status).toBe(400);
  });
});
