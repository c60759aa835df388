// SCIM 2.0 with requests shaped like the ones Microsoft Entra ID and Okta send (their
// documented provisioning requests: "Replace" with "False" strings, value objects, members
// added and removed one by one), against a real Heraldo with Postgres, Redis and workers.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/auth/sessions.js';
import type { Heraldo } from '../../server/heraldo.js';
import { connectLive, createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let world: World;
let node: Heraldo;
let admin: Client;
let comms: Client;
let scimKey: { id: string; key: string };
let writeKey: string;
let dept: Record<string, string>;

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  admin = await login(node.url!, 'admin@heraldo.test');
  comms = await login(node.url!, 'comms@heraldo.test');
  const key = async (name: string, scopes: string[]) => {
    const res = await admin.json<{ id: string; key: string }>('/api/admin/api-keys', { method: 'POST', body: { name, scopes } });
    expect(res.status).toBe(201);
    return res.body;
  };
  scimKey = await key('Entra provisioning', ['scim']);
  writeKey = (await key('Monitoring', ['announcements:write'])).key;
  dept = await departmentIds(world.prisma);
});
afterAll(() => world?.close());

interface ScimAnswer<T = Record<string, unknown>> { status: number; body: T; headers: Headers }

async function scim<T = Record<string, unknown>>(method: string, path: string, body?: unknown, token: string | null = scimKey.key): Promise<ScimAnswer<T>> {
  const res = await fetch(`${node.url}/scim/v2${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (text) expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

const filter = (expr: string, extra = '') => `?filter=${encodeURIComponent(expr)}${extra}`;
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Entra ID's create-user request (its SCIM validator's sample, with our addresses). */
const entraUser = (email: string, given: string, family: string, externalId: string) => ({
  schemas: [CORE_USER, ENTERPRISE],
  externalId,
  userName: email,
  active: true,
  emails: [{ primary: true, type: 'work', value: email }],
  meta: { resourceType: 'User' },
  name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
  roles: [],
  [ENTERPRISE]: { department: 'Engineering', employeeNumber: '701984' },
});

/** Okta's create-user request. */
const oktaUser = (email: string, given: string, family: string, externalId: string) => ({
  schemas: [CORE_USER],
  userName: email,
  name: { givenName: given, familyName: family },
  emails: [{ primary: true, value: email, type: 'work' }],
  displayName: `${given} ${family}`,
  locale: 'en-US',
  externalId,
  groups: [],
  password: 'ignored-by-heraldo',
  active: true,
});

async function publish(audience: unknown, title: string): Promise<string> {
  const res = await comms.json<{ id: string }>('/api/announcements', { method: 'POST', body: { title, body: 'x', audience, channels: ['in_app'] } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const fannedOut = (announcementId: string) =>
  waitUntil(async () => (await world.prisma.announcement.findUniqueOrThrow({ where: { id: announcementId } })).fanoutPending === false, 15_000, 'fan-out');
const received = async (announcementId: string, userId: string) => (await world.prisma.notification.count({ where: { announcementId, userId } })) === 1;

describe('SCIM authentication', () => {
  it('answers 401 without a key or with an unknown one, 403 for a key without the scim scope, in the SCIM error schema', async () => {
    for (const token of [null, 'hk_unknown', admin.token]) {
      const res = await scim('GET', '/Users', undefined, token);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '401' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const res = await scim('POST', '/Users', oktaUser('nope@heraldo.test', 'No', 'Pe', 'x1'), writeKey);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '403' });
    expect(await world.prisma.user.count({ where: { email: 'nope@heraldo.test' } })).toBe(0);
  });
});

describe('SCIM discovery', () => {
  it('describes itself: ServiceProviderConfig, ResourceTypes, Schemas', async () => {
    const spc = await scim<{ patch: { supported: boolean }; filter: { supported: boolean; maxResults: number }; bulk: { supported: boolean }; authenticationSchemes: unknown[] }>('GET', '/ServiceProviderConfig');
    expect(spc.status).toBe(200);
    expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 200 }, bulk: { supported: false } });
    expect(spc.body.authenticationSchemes).toHaveLength(1);
    const types = await scim<{ schemas: string[]; totalResults: number; Resources: { name: string; endpoint: string; schema: string }[] }>('GET', '/ResourceTypes');
    expect(types.body.schemas).toEqual([LIST]);
    expect(types.body.Resources.map((t) => [t.name, t.endpoint, t.schema])).toEqual([['User', '/Users', CORE_USER], ['Group', '/Groups', CORE_GROUP]]);
    expect((await scim('GET', '/ResourceTypes/User')).body).toMatchObject({ id: 'User' });
    const schemas = await scim<{ Resources: { id: string; attributes: { name: string }[] }[] }>('GET', '/Schemas');
    const user = schemas.body.Resources.find((s) => s.id === CORE_USER)!;
    expect(user.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['userName', 'name', 'emails', 'active', 'locale', 'timezone']));
    expect((await scim('GET', `/Schemas/${CORE_GROUP}`)).body).toMatchObject({ id: CORE_GROUP, name: 'Group' });
    expect((await scim('GET', '/Nothing')).body).toMatchObject({ schemas: [ERROR], status: '404' });
  });
});

describe('SCIM Users, as Entra ID sends them', () => {
  let id: string;

  it('creates a user (userName lower-cased, enterprise extension ignored), audited as scim', async () => {
    const res = await scim<{ id: string; userName: string; active: boolean; meta: { location: string } }>('POST', '/Users', entraUser('Grace.Hopper@Heraldo.test', 'Grace', 'Hopper', 'e-0001'));
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      schemas: [CORE_USER], userName: 'grace.hopper@heraldo.test', externalId: 'e-0001', active: true, displayName: 'Grace Hopper',
      name: { formatted: 'Grace Hopper', givenName: 'Grace', familyName: 'Hopper' }, emails: [{ value: 'grace.hopper@heraldo.test', type: 'work', primary: true }], groups: [],
    });
    expect(res.headers.get('location')).toBe(res.body.meta.location);
    expect(res.body.meta.location.endsWith(`/scim/v2/Users/${id}`)).toBe(true);
    const row = await world.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ email: 'grace.hopper@heraldo.test', name: 'Grace Hopper', role: 'employee', active: true, externalId: 'e-0001', passwordHash: null });
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.create', targetId: id } });
    expect(audit).toMatchObject({ actorType: 'scim', actorId: scimKey.id, actorName: 'Entra provisioning' });
  });

  it('finds it by userName in any case, pages with startIndex and count, and refuses a bad filter with invalidFilter', async () => {
    const found = await scim<{ totalResults: number; Resources: { id: string }[]; startIndex: number; itemsPerPage: number }>('GET', `/Users${filter('userName eq "GRACE.HOPPER@heraldo.test"')}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.body.Resources[0]!.id).toBe(id);
    const none = await scim('GET', `/Users${filter('userName eq "nobody@heraldo.test"')}`);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await scim('GET', `/Users${filter('externalId eq "e-0001"')}`)).body).toMatchObject({ totalResults: 1 });
    const total = await world.prisma.user.count();
    const page = await scim<{ totalResults: number; Resources: unknown[]; startIndex: number }>('GET', '/Users?startIndex=3&count=2');
    expect(page.body).toMatchObject({ totalResults: total, startIndex: 3, itemsPerPage: 2 });
    for (const bad of ['userName eq', 'userName xx "a"', 'title eq "boss"']) {
      const res = await scim('GET', `/Users${filter(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body, bad).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
    }
  });

  it('answers a taken userName with 409 uniqueness, and writes nothing', async () => {
    const before = await world.prisma.user.count();
    for (const email of ['grace.hopper@heraldo.test', 'Alice@heraldo.test']) {
      const res = await scim('POST', '/Users', entraUser(email, 'Other', 'Person', `other-${email}`));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
    }
    expect(await world.prisma.user.count()).toBe(before);
  });

  it('applies a multi-operation PATCH (Add displayName, Replace emails[type eq "work"].value, Replace name.familyName)', async () => {
    const res = await scim('PATCH', `/Users/${id}`, patch(
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'Grace.Murray@heraldo.test' },
      { op: 'Replace', path: 'name.familyName', value: 'Murray Hopper' },
    ));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userName: 'grace.murray@heraldo.test', displayName: 'Grace Murray Hopper' });
    const again = await scim('PATCH', `/Users/${id}`, patch({ op: 'Add', path: 'displayName', value: 'Admiral Hopper' }, { op: 'Replace', path: 'locale', value: 'es-ES' }, { op: 'Replace', path: 'timezone', value: 'Europe/Madrid' }));
    expect(again.body).toMatchObject({ displayName: 'Admiral Hopper', locale: 'es', timezone: 'Europe/Madrid' });
    const bad = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'timezone', value: 'Mars/Olympus' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ scimType: 'invalidValue' });
    expect((await scim('PATCH', `/Users/${id}`, patch({ op: 'frobnicate', path: 'active', value: true }))).status).toBe(400);
  });

  it('deactivates with Replace active "False": sessions refused, the open socket closed, left out of the next fan-out', async () => {
    const other = await login(node.url!, 'alice@heraldo.test');
    const addToIt = await scim('PATCH', `/Groups/${dept.it}`, patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }));
    expect(addToIt.status).toBe(204);
    const { token } = await createSession(world.prisma, id, 3_600_000);
    const live = await connectLive(node.url!, { token });
    const closed = new Promise<string>((resolve) => live.socket.on('disconnect', (reason) => resolve(reason)));
    const first = await publish({ type: 'departments', departmentIds: [dept.it] }, 'Before deprovisioning');
    await live.waitFor(1);
    expect(live.received[0]!.title).toBe('Before deprovisioning');

    const res = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false });
    expect(await closed).toBe('io server disconnect');
    const me = await fetch(`${node.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);

    const second = await publish({ type: 'departments', departmentIds: [dept.it] }, 'After deprovisioning');
    await fannedOut(second);
    expect(await received(first, id)).toBe(true);
    expect(await received(second, id)).toBe(false);
    expect(await received(second, other.user.id)).toBe(true);
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.deactivate', targetId: id } });
    expect(audit.actorType).toBe('scim');
    live.close();
  });

  it('DELETE deactivates too, and keeps the record', async () => {
    const created = await scim<{ id: string }>('POST', '/Users', entraUser('temp.worker@heraldo.test', 'Temp', 'Worker', 'e-0002'));
    const res = await scim('DELETE', `/Users/${created.body.id}`);
    expect(res.status).toBe(204);
    expect((await scim('GET', `/Users/${created.body.id}`)).body).toMatchObject({ active: false, userName: 'temp.worker@heraldo.test' });
    expect((await scim('GET', '/Users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await scim('GET', '/Users/not-an-id')).body).toMatchObject({ schemas: [ERROR], status: '404' });
  });
});

describe('SCIM Users, as Okta sends them', () => {
  it('creates, finds with startIndex and count, replaces with PUT, and deactivates with a replace value object', async () => {
    const created = await scim<{ id: string; locale: string }>('POST', '/Users', oktaUser('ada.lovelace@heraldo.test', 'Ada', 'Lovelace', '00ujl29u0le5T6Aj10h7'));
    expect(created.status).toBe(201);
    expect(created.body.locale).toBe('en');
    const id = created.body.id;
    const found = await scim<{ totalResults: number }>('GET', `/Users${filter('userName eq "ada.lovelace@heraldo.test"', '&startIndex=1&count=100')}`);
    expect(found.body.totalResults).toBe(1);

    const put = await scim('PUT', `/Users/${id}`, { ...oktaUser('ada.king@heraldo.test', 'Ada', 'King', '00ujl29u0le5T6Aj10h7'), id, displayName: 'Ada King', locale: 'es-MX' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ userName: 'ada.king@heraldo.test', displayName: 'Ada King', locale: 'es', active: true });

    const res = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: false } }));
    expect(res.body).toMatchObject({ active: false });
    const back = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: true } }));
    expect(back.body).toMatchObject({ active: true });
    const actions = (await world.prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { id: 'asc' } })).map((e) => [e.action, e.actorType]);
    expect(actions).toEqual([['user.create', 'scim'], ['user.update', 'scim'], ['user.deactivate', 'scim'], ['user.update', 'scim']]);
  });

  it('puts a provisioned person in the audience of the next fan-out', async () => {
    const created = await scim<{ id: string }>('POST', '/Users', oktaUser('new.starter@heraldo.test', 'New', 'Starter', '00unewstarter'));
    const announcement = await publish({ type: 'all' }, 'Welcome, everyone');
    await fannedOut(announcement);
    expect(await received(announcement, created.body.id)).toBe(true);
  });
});

describe('SCIM Groups (departments)', () => {
  let members: string[];
  beforeAll(async () => {
    members = [];
    for (const [i, name] of ['Lin', 'Mo'].entries()) {
      members.push((await scim<{ id: string }>('POST', '/Users', oktaUser(`${name.toLowerCase()}@heraldo.test`, name, 'Tester', `00ugroup${i}`))).body.id);
    }
  });

  it('creates a Group the Entra way, finds it by displayName without members, adds and removes members', async () => {
    const created = await scim<{ id: string; externalId: string; displayName: string }>('POST', '/Groups', {
      schemas: [CORE_GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'Research',
      meta: { resourceType: 'Group' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', displayName: 'Research', members: [] });
    const gid = created.body.id;
    const found = await scim<{ totalResults: number; Resources: Record<string, unknown>[] }>('GET', `/Groups${filter('displayName eq "Research"', '&excludedAttributes=members')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).not.toHaveProperty('members');

    const add = await scim('PATCH', `/Groups/${gid}`, patch({ op: 'Add', path: 'members', value: members.map((value) => ({ $ref: null, value })) }));
    expect(add.status).toBe(204);
    const withMembers = await scim<{ members: { value: string }[] }>('GET', `/Groups/${gid}`);
    expect(withMembers.body.members.map((m) => m.value).sort()).toEqual([...members].sort());
    // Entra removes with a value list; Okta with a filter path.
    await scim('PATCH', `/Groups/${gid}`, patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: members[0] }] }));
    await scim('PATCH', `/Groups/${gid}`, patch({ op: 'remove', path: `members[value eq "${members[1]}"]` }));
    expect((await scim<{ members: unknown[] }>('GET', `/Groups/${gid}`)).body.members).toEqual([]);
    const rename = await scim('PATCH', `/Groups/${gid}`, patch({ op: 'Replace', path: 'displayName', value: 'Research & Development' }));
    expect(rename.status).toBe(204);
    expect((await world.prisma.department.findUniqueOrThrow({ where: { id: gid } })).name).toBe('Research & Development');
    const unknown = await scim('PATCH', `/Groups/${gid}`, patch({ op: 'Add', path: 'members', value: [{ value: '00000000-0000-4000-8000-000000000000' }] }));
    expect(unknown.body).toMatchObject({ status: '400', scimType: 'invalidValue' });

    const audit = await world.prisma.auditEvent.findMany({ where: { targetId: gid }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => [e.action, e.actorType])).toEqual([
      ['department.create', 'scim'], ['department.update', 'scim'], ['department.update', 'scim'], ['department.update', 'scim'], ['department.update', 'scim'],
    ]);
  });

  it('creates a Group the Okta way (members, no externalId: the slug comes from the name), renames it, replaces it with PUT', async () => {
    const created = await scim<{ id: string; externalId: string; members: { value: string }[] }>('POST', '/Groups', {
      schemas: [CORE_GROUP], displayName: 'Human Resources (EMEA)', members: [{ value: members[0], display: 'Lin Tester' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.externalId).toBe('human-resources-emea');
    expect(created.body.members.map((m) => m.value)).toEqual([members[0]]);
    const gid = created.body.id;
    // The same name again gets the next free slug.
    const twin = await scim<{ externalId: string }>('POST', '/Groups', { schemas: [CORE_GROUP], displayName: 'Human Resources (EMEA)' });
    expect(twin.body.externalId).toBe('human-resources-emea-2');
    await scim('PATCH', `/Groups/${gid}`, patch({ op: 'replace', value: { id: gid, displayName: 'HR EMEA' } }));
    const put = await scim<{ displayName: string; members: { value: string }[] }>('PUT', `/Groups/${gid}`, { schemas: [CORE_GROUP], id: gid, displayName: 'HR Europe', members: [{ value: members[1] }] });
    expect(put.body.displayName).toBe('HR Europe');
    expect(put.body.members.map((m) => m.value)).toEqual([members[1]]);
    // v1's department list shows it at once.
    const list = await admin.json<{ slug: string; name: string }[]>('/api/departments');
    expect(list.body).toContainEqual(expect.objectContaining({ slug: 'human-resources-emea', name: 'HR Europe' }));
    // DELETE empties it (departments stay for the announcements sent to them).
    expect((await scim('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await scim<{ members: unknown[] }>('GET', `/Groups/${gid}`)).body.members).toEqual([]);
  });

  it('answers a taken externalId (slug) with 409 uniqueness', async () => {
    const res = await scim('POST', '/Groups', { schemas: [CORE_GROUP], displayName: 'Another IT', externalId: 'it' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness' });
  });
});

describe('SCIM input it does not expect', () => {
  it('never answers 5xx, and every refusal is in the SCIM error schema', { timeout: 90_000 }, async () => {
    const victim = (await scim<{ id: string }>('POST', '/Users', oktaUser('fuzz.target@heraldo.test', 'Fuzz', 'Target', '00ufuzz'))).body.id;
    const group = (await scim<{ id: string }>('POST', '/Groups', { schemas: [CORE_GROUP], displayName: 'Fuzz group' })).body.id;
    // A lone surrogate cannot be percent-encoded: it goes as U+FFFD, as a browser would send it.
    const enc = (v: string) => encodeURIComponent(Buffer.from(v, 'utf8').toString('utf8'));
    const nasty = fc.constantFrom('', ' ', '\u0000', '\ud800', 'x'.repeat(500), 'False', 'TRUE', 'null', '[]', '"', 'members[value eq "', 'emails[type eq "work"]', 'name.', '..', 'urn:ietf:params:scim:schemas:core:2.0:User:active');
    const text = fc.oneof(fc.string({ maxLength: 30 }), nasty);
    const value = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null), fc.array(fc.record({ value: fc.oneof(text, fc.constant(victim)) }), { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }), fc.record({ active: fc.oneof(fc.boolean(), text) }));
    const path = fc.oneof(text, fc.constantFrom('active', 'displayName', 'name.givenName', 'name.familyName', 'emails[type eq "work"].value', 'userName', 'locale', 'timezone', 'externalId', 'members', `members[value eq "${victim}"]`, 'members[value eq', 'groups', 'id', 'meta.created'));
    const op = fc.record({ op: fc.oneof(fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'Remove', 'REPLACE'), text), path: fc.option(path, { nil: undefined }), value: fc.option(value, { nil: undefined }) }, { requiredKeys: ['op'] });
    const body = fc.oneof(
      fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(op, { maxLength: 4 }) }),
      fc.record({ userName: fc.oneof(text, fc.constant('someone@heraldo.test')), displayName: fc.option(text), active: fc.option(value), name: fc.option(fc.dictionary(text, value, { maxKeys: 3 })), timezone: fc.option(text), locale: fc.option(text), externalId: fc.option(text) }),
      fc.record({ displayName: text, externalId: fc.option(text), members: fc.option(fc.array(fc.record({ value: fc.oneof(text, fc.constant(victim)) }), { maxLength: 3 })) }),
      value,
    );
    const request = fc.oneof(
      fc.record({ method: fc.constant('PATCH'), path: fc.constantFrom(`/Users/${victim}`, `/Groups/${group}`, '/Users/not-an-id'), body }),
      fc.record({ method: fc.constantFrom('POST', 'PUT'), path: fc.constantFrom('/Users', '/Groups', `/Users/${victim}`, `/Groups/${group}`), body }),
      fc.record({ method: fc.constant('GET'), path: fc.tuple(fc.constantFrom('/Users', '/Groups'), fc.oneof(text, fc.constantFrom('userName eq "a"', 'not (active eq true)', 'emails[type eq "work" and value co "x"]', 'displayName sw "F"', 'id eq "x" or externalId pr')), fc.oneof(text, fc.integer()), fc.oneof(text, fc.integer())).map(([p, f, s, c]) => `${p}?filter=${enc(f)}&startIndex=${enc(String(s))}&count=${enc(String(c))}`), body: fc.constant(undefined) }),
    );
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await scim(r.method, r.path, r.body);
        expect(res.status, `${r.method} ${r.path} ${JSON.stringify(r.body)?.slice(0, 300)} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.body).toMatchObject({ schemas: [ERROR], status: String(res.status) });
      }),
      { numRuns: 150, endOnFailure: true },
    );
  });
});
