// POST /api/admin/users/import: a real CSV parser (quotes, commas and line breaks in names, a
// byte-order mark), row errors with their physical line numbers, all or nothing, the dry run,
// and re-importing the same file changing nothing.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionChannel } from '../../server/auth/session-cache.js';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, login, waitUntil, type Client, type World } from '../support/harness.js';

let world: World;
let node: Heraldo;
let admin: Client;

interface ImportBody {
  created: number; updated: number; unchanged: number;
  errors: { line: number; field: string; message: string }[];
  rows?: { line: number; email: string; action: string; changes: string[] }[];
  error?: { code: string; message: string };
}

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  admin = await login(node.url!, 'admin@heraldo.test');
});
afterAll(() => world?.close());

async function upload(csv: string, query = 'dryRun=false', type = 'text/csv'): Promise<{ status: number; body: ImportBody }> {
  const res = await fetch(`${node.url}/api/admin/users/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': type },
    body: csv,
  });
  return { status: res.status, body: (await res.json()) as ImportBody };
}

/** Everything an import could touch. */
async function snapshot(): Promise<string> {
  const users = await world.prisma.user.findMany({ orderBy: { email: 'asc' }, select: { email: true, name: true, role: true, locale: true, timezone: true, memberships: { select: { departmentId: true, isManager: true }, orderBy: { departmentId: 'asc' } } } });
  return JSON.stringify({ users, audit: await world.prisma.auditEvent.count() });
}

const HEADER = 'email,name,role,departments,manager_of,locale,timezone';
const GOOD = [
  `\ufeff${HEADER}`,
  'ines@heraldo.test,"Ibáñez, Inés",employee,it;hr,,es,Europe/Madrid',
  '"jon@heraldo.test","Jon ""JJ""\nJones",manager,sales,sales,en,America/New_York',
  'kim@heraldo.test,Kim Kaur,,,,,',
  'BOB@heraldo.test,,communicator,,,,Asia/Kolkata',
].join('\r\n') + '\r\n';

describe('CSV import', () => {
  it('a dry run shows every row and writes nothing', async () => {
    const before = await snapshot();
    const res = await upload(GOOD, 'dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 1, unchanged: 0, errors: [] });
    // Jon's quoted name spans two physical lines: Kim is on line 5, Bob on 6.
    expect(res.body.rows).toEqual([
      { line: 2, email: 'ines@heraldo.test', action: 'create', changes: [] },
      { line: 3, email: 'jon@heraldo.test', action: 'create', changes: [] },
      { line: 5, email: 'kim@heraldo.test', action: 'create', changes: [] },
      { line: 6, email: 'bob@heraldo.test', action: 'update', changes: ['role', 'timezone'] },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('imports: quotes, commas and line breaks in names, a BOM, defaults for empty cells, existing people kept where empty', async () => {
    const bobBefore = await world.prisma.user.findUniqueOrThrow({ where: { email: 'bob@heraldo.test' } });
    const res = await upload(GOOD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 1, unchanged: 0, errors: [] });
    const get = (email: string) => world.prisma.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { department: true } } } });
    const ines = await get('ines@heraldo.test');
    expect(ines).toMatchObject({ name: 'Ibáñez, Inés', role: 'employee', locale: 'es', timezone: 'Europe/Madrid', passwordHash: null, active: true });
    expect(ines.memberships.map((m) => m.department.slug).sort()).toEqual(['hr', 'it']);
    const jon = await get('jon@heraldo.test');
    expect(jon.name).toBe('Jon "JJ" Jones'); // the line break inside the quotes became a space
    expect(jon.memberships.map((m) => [m.department.slug, m.isManager])).toEqual([['sales', true]]);
    expect(await get('kim@heraldo.test')).toMatchObject({ role: 'employee', locale: 'en', timezone: 'UTC' });
    const bob = await get('bob@heraldo.test');
    // Role and timezone from the file; name and locale (empty cells) as they were.
    expect(bob).toMatchObject({ name: bobBefore.name, locale: bobBefore.locale, role: 'communicator', timezone: 'Asia/Kolkata' });
    expect(bob.memberships.map((m) => m.department.slug)).toEqual(['hr']); // empty cell: kept
    expect(bob.passwordHash).not.toBeNull(); // an import never touches passwords
    // One audit event for the whole file, with its counts.
    const events = await world.prisma.auditEvent.findMany({ where: { action: 'user.import' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ rows: 4, created: 3, updated: 1, unchanged: 0 });
  });

  it('the same file again changes nothing', async () => {
    const before = await snapshot();
    const res = await upload(GOOD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, errors: [] });
    const after = JSON.parse(await snapshot()) as { users: unknown; audit: number };
    expect(JSON.stringify(after.users)).toBe(JSON.stringify((JSON.parse(before) as { users: unknown }).users));
  });

  it('any bad row: 422 import_invalid with every error and its line, nothing written', async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      'new.one@heraldo.test,New One,employee,it,,en,UTC', // fine, but must not be written
      'not-an-email,X,employee,,,,',
      'two@heraldo.test,"Two,\nLines",boss,,,,',
      'three@heraldo.test,Three,employee,it;nowhere,,,',
      'four@heraldo.test,Four,employee,,,fr,Mars/Base',
      'NEW.ONE@heraldo.test,Again,employee,,,,',
      'five@heraldo.test,,employee,,,,',
      'six@heraldo.test,Six,employee,,,,,extra',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'import_invalid' });
    expect(res.body.errors).toEqual([
      { line: 3, field: 'email', message: expect.any(String) },
      { line: 4, field: 'role', message: expect.stringContaining('boss') },
      { line: 6, field: 'departments', message: expect.stringContaining('nowhere') },
      { line: 7, field: 'locale', message: expect.any(String) },
      { line: 7, field: 'timezone', message: expect.any(String) },
      { line: 8, field: 'email', message: expect.stringContaining('line 2') },
      { line: 9, field: 'name', message: expect.any(String) },
      { line: 10, field: 'row', message: expect.any(String) },
    ]);
    expect(res.body).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(await snapshot()).toBe(before);
    // A dry run of the same file answers the same.
    const dry = await upload(csv, 'dryRun=true');
    expect(dry.status).toBe(422);
    expect(dry.body.errors).toEqual(res.body.errors);
  });

  it('refuses a bad header, malformed CSV, the wrong content type, and bad flags', async () => {
    const bad = await upload('email,name,shoe_size\na@heraldo.test,A,42\n');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ line: 1, field: 'shoe_size', message: expect.any(String) }]);
    const noEmail = await upload('name\nA\n');
    expect(noEmail.body.errors).toEqual([{ line: 1, field: 'email', message: expect.any(String) }]);
    const unclosed = await upload(`${HEADER}\nq@heraldo.test,"Never closed,employee,,,,\n`);
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.errors[0]).toMatchObject({ field: 'csv' });
    expect((await upload('', 'dryRun=false')).status).toBe(422);
    const json = await upload(JSON.stringify({ email: 'x' }), 'dryRun=false', 'application/json');
    expect(json.status).toBe(415);
    const flag = await upload(GOOD, 'dryRun=maybe');
    expect(flag.status).toBe(400);
    expect((flag.body as unknown as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('dryRun');
  });

  it('cannot demote the last active admin', async () => {
    const before = await snapshot();
    const res = await upload(`${HEADER}\nadmin@heraldo.test,,employee,,,,\n`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ line: 2, field: 'role', message: expect.any(String) }]);
    expect(await snapshot()).toBe(before);
  });

  it('makes every api node forget the cached sessions of people whose role changed', async () => {
    const listener = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const heard: unknown[] = [];
    listener.on('message', (_channel: string, text: string) => heard.push(JSON.parse(text)));
    await listener.subscribe(sessionChannel(world.prefix));
    try {
      const dan = await world.prisma.user.findUniqueOrThrow({ where: { email: 'dan@heraldo.test' }, include: { memberships: { include: { department: true } } } });
      const departments = dan.memberships.map((m) => m.department.slug).join(';');
      const res = await upload(`${HEADER}\ndan@heraldo.test,${dan.name},communicator,${departments},,${dan.locale},${dan.timezone}\n`);
      expect(res.body).toMatchObject({ updated: 1, errors: [] });
      // Staff join the staff room at connect: a cached "employee" must not be let in as before.
      await waitUntil(() => heard.length > 0, 5_000, 'the invalidation');
      expect(heard).toEqual([{ users: [dan.id] }]);
    } finally {
      listener.disconnect();
    }
  });
});
