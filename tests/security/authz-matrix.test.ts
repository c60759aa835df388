// Every route × every role × the departments it may touch. The route list comes from the
// app's own route table: a route added without a rule here makes this file fail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/http/app.js';
import { issuePasswordToken } from '../../server/people/invitations.js';
import type { Heraldo } from '../../server/heraldo.js';
import { loadTemplates } from '../../server/templates/index.js';
import { PASSWORD, createWorld, departmentIds, login, waitUntil, type Client, type World } from '../support/harness.js';
import { expandMethods, routeTable, type RouteEntry } from '../support/routes.js';

const WHO = {
  anon: null,
  admin: 'admin@heraldo.test',
  comms: 'comms@heraldo.test', // communicator
  itManager: 'it.manager@heraldo.test',
  hrManager: 'hr.manager@heraldo.test',
  alice: 'alice@heraldo.test', // employee, it
  bob: 'bob@heraldo.test', // employee, hr
} as const;
type Who = keyof typeof WHO;
const PRINCIPALS = Object.keys(WHO) as Who[];

/** 'ok': served (2xx, or a domain answer such as 409 "not scheduled"); else the refusal. */
type Outcome = 'ok' | 401 | 403 | 404;
interface Case {
  label: string;
  method?: string;
  path: string;
  body?: (who: Who) => unknown;
  /** A session of its own (for logout, which ends it). */
  fresh?: boolean;
  /** A text/csv body instead of JSON (the people import). */
  csv?: string;
  expect: (who: Who) => Outcome;
  /** What API keys get. Unset: 403 on /api (keys are refused there unless listed in
   *  server/http/authenticate.ts), elsewhere the same as an anonymous caller. */
  keys?: (key: KeyWho) => Outcome;
}

/** API keys as callers: any department, limited to IT, and SCIM only. */
const KEYS = {
  keyWrite: { scopes: ['announcements:write'], departments: [] },
  keyIt: { scopes: ['announcements:write'], departments: ['it'] },
  keyScim: { scopes: ['scim'], departments: [] },
} as const;
type KeyWho = keyof typeof KEYS;
const KEY_PRINCIPALS = Object.keys(KEYS) as KeyWho[];
const keySecrets = {} as Record<KeyWho, string>;

let world: World;
let node: Heraldo;
let routes: RouteEntry[];
const clients = {} as Record<Exclude<Who, 'anon'>, Client>;
const f = {} as Record<'annIt' | 'annHr' | 'annAll' | 'schedIt' | 'schedHr' | 'retractIt' | 'retractHr' | 'nAliceIt' | 'nBobHr' | 'spareKey' | 'person' | 'scimUser' | 'scimGroup' | 'draftIt' | 'draftHr', string>;
/** One set-password token per caller (a token works once). */
const passwordTokens = {} as Record<Who, string>;
let dept: Record<string, string>;

const signedIn = (who: Who): Outcome => (who === 'anon' ? 401 : 'ok');
const publisher = (who: Who): Outcome => (who === 'anon' ? 401 : who === 'alice' || who === 'bob' ? 403 : 'ok');
const staffOnly = (who: Who): Outcome => (who === 'anon' ? 401 : who === 'admin' || who === 'comms' ? 'ok' : 403);
const inspect = (author: Who) => (who: Who): Outcome => (who === 'anon' ? 401 : who === 'admin' || who === 'comms' || who === author ? 'ok' : 404);
const recipient = (owner: Who) => (who: Who): Outcome => (who === 'anon' ? 401 : who === owner ? 'ok' : 404);
const anyone = (): Outcome => 'ok';
/** A draft: its author may, other publishers get 404, employees 403. */
const owner = (author: Who) => (who: Who): Outcome => (publisher(who) !== 'ok' ? publisher(who) : who === author ? 'ok' : 404);
const adminOnly = (who: Who): Outcome => (who === 'anon' ? 401 : who === 'admin' ? 'ok' : 403);
/** Keys with the publishing scope, within their departments. */
const keyMayTarget = (target: string) => (key: KeyWho): Outcome =>
  key === 'keyWrite' || (key === 'keyIt' && target === 'it') ? 'ok' : 403;
const keyAllowed = (): Outcome => 'ok';
/** Who may publish to this audience: staff anything, a manager his own department only. */
const mayTarget = (target: string) => (who: Who): Outcome => {
  if (who === 'anon') return 401;
  if (who === 'admin' || who === 'comms') return 'ok';
  if (who === 'itManager' && target === 'it') return 'ok';
  if (who === 'hrManager' && target === 'hr') return 'ok';
  return 403;
};

const draft = { channel: 'email', title: 'Draft', body: 'Hi' };

/** One entry per route of the app; `optional` ones exist only in some builds. */
function rules(): Record<string, { cases: Case[]; optional?: boolean }> {
  const inspectCases = (suffix: string) => [
    { label: 'author it.manager', path: `/api/announcements/${f.annIt}${suffix}`, expect: inspect('itManager') },
    { label: 'author hr.manager', path: `/api/announcements/${f.annHr}${suffix}`, expect: inspect('hrManager') },
  ];
  return {
    'GET /healthz': { cases: [{ label: 'public', path: '/healthz', expect: anyone }] },
    'GET /readyz': { cases: [{ label: 'public', path: '/readyz', expect: anyone }] },
    'GET /metrics': { cases: [{ label: 'public', path: '/metrics', expect: anyone }] },
    'POST /api/auth/login': { cases: [{ label: 'anyone', path: '/api/auth/login', body: () => ({ email: 'dan@heraldo.test', password: PASSWORD }), expect: anyone }] },
    'POST /api/auth/logout': { cases: [{ label: 'own session', path: '/api/auth/logout', fresh: true, expect: signedIn }] },
    'GET /api/me': { cases: [{ label: 'self', path: '/api/me', expect: signedIn }] },
    'PATCH /api/me': { cases: [{ label: 'self', path: '/api/me', body: () => ({ timezone: 'UTC' }), expect: signedIn }] },
    'GET /api/me/preferences': { cases: [{ label: 'self', path: '/api/me/preferences', expect: signedIn }] },
    'PATCH /api/me/preferences': { cases: [{ label: 'self', path: '/api/me/preferences', body: () => ({ desktop: true }), expect: signedIn }] },
    'GET /api/departments': { cases: [{ label: 'any', path: '/api/departments', expect: signedIn, keys: keyAllowed }] },
    'POST /api/announcements': {
      cases: ['all', 'it', 'hr', 'finance', 'comms', 'sales'].map((target) => ({
        label: `to ${target}`,
        path: '/api/announcements',
        body: (who: Who) => ({
          title: `matrix ${who} ${target}`,
          body: 'x',
          channels: ['in_app'],
          audience: target === 'all' ? { type: 'all' } : { type: 'departments', departmentIds: [dept[target]] },
        }),
        expect: mayTarget(target),
        keys: keyMayTarget(target),
      })),
    },
    'GET /api/announcements': {
      cases: [
        { label: 'list', path: '/api/announcements', expect: publisher },
        { label: 'a page, searched and filtered', path: '/api/announcements?limit=5&q=a&status=published', expect: publisher },
      ],
    },
    // A test send reaches only the caller; refused like publishing to that audience.
    'POST /api/announcements/test': {
      cases: ['all', 'it'].map((target) => ({
        label: `test ${target}`,
        path: '/api/announcements/test',
        body: () => ({
          title: 'matrix test', body: 'x', channels: ['in_app'],
          audience: target === 'all' ? { type: 'all' } : { type: 'departments', departmentIds: [dept[target]] },
        }),
        expect: mayTarget(target),
      })),
    },
    'POST /api/announcements/audience': {
      cases: ['all', 'it', 'hr'].map((target) => ({
        label: `count ${target}`,
        path: '/api/announcements/audience',
        body: () => ({ audience: target === 'all' ? { type: 'all' } : { type: 'departments', departmentIds: [dept[target]] } }),
        expect: mayTarget(target),
      })),
    },
    'GET /api/announcements/:id': { cases: inspectCases('') },
    'GET /api/announcements/:id/stats': { cases: inspectCases('/stats') },
    'GET /api/announcements/:id/recipients': { cases: [...inspectCases('/recipients'), ...inspectCases('/recipients?filter=unread&cursor=1')] },
    'POST /api/announcements/:id/retry': {
      cases: [f.annIt, f.annHr].map((id) => ({ label: 'staff only', path: `/api/announcements/${id}/retry`, expect: staffOnly })),
    },
    'PATCH /api/announcements/:id': {
      cases: [f.annIt, f.annHr].map((id, i) => ({
        label: `author ${i ? 'hr' : 'it'}.manager`,
        path: `/api/announcements/${id}`,
        body: (who: Who) => ({ title: `edited by ${who}` }),
        expect: inspect(i ? 'hrManager' : 'itManager'),
      })),
    },
    // Fixtures of their own: a retracted announcement leaves the inboxes the cases below use.
    // Not read-and-confirm: the author and staff get 409 not_ack_required (a domain answer).
    'POST /api/announcements/:id/remind': { cases: inspectCases('/remind') },
    'GET /api/announcements/:id/recipients.csv': { cases: inspectCases('/recipients.csv') },
    'POST /api/announcements/:id/retract': {
      cases: [
        { label: 'author it.manager', path: `/api/announcements/${f.retractIt}/retract`, expect: inspect('itManager') },
        { label: 'author hr.manager', path: `/api/announcements/${f.retractHr}/retract`, expect: inspect('hrManager') },
      ],
    },
    'POST /api/announcements/:id/cancel': {
      cases: [
        { label: 'author it.manager', path: `/api/announcements/${f.schedIt}/cancel`, expect: inspect('itManager') },
        { label: 'author hr.manager', path: `/api/announcements/${f.schedHr}/cancel`, expect: inspect('hrManager') },
      ],
    },
    // Drafts: people who may publish, each their own (another's id is 404).
    'GET /api/drafts': { cases: [{ label: 'own drafts', path: '/api/drafts', expect: publisher }] },
    'PUT /api/drafts/:id': {
      cases: [
        { label: "it.manager's", path: `/api/drafts/${f.draftIt}`, body: () => ({ title: 'matrix draft' }), expect: owner('itManager') },
      ],
    },
    'DELETE /api/drafts/:id': { cases: [{ label: "hr.manager's", path: `/api/drafts/${f.draftHr}`, expect: owner('hrManager') }] },
    'GET /api/inbox': { cases: [{ label: 'own inbox', path: '/api/inbox', expect: signedIn }] },
    'POST /api/inbox/read-all': { cases: [{ label: 'own inbox', path: '/api/inbox/read-all', expect: signedIn }] },
    ...Object.fromEntries(
      (['read', 'ack'] as const).map((kind) => [
        `POST /api/inbox/:id/${kind}`,
        {
          cases: [
            { label: "alice's", path: `/api/inbox/${f.nAliceIt}/${kind}`, expect: recipient('alice') },
            { label: "bob's", path: `/api/inbox/${f.nBobHr}/${kind}`, expect: recipient('bob') },
          ],
        },
      ]),
    ),
    'ALL /api/templates/preview': {
      cases: [
        { label: 'GET', method: 'GET', path: `/api/templates/preview?${new URLSearchParams(draft)}`, expect: publisher },
        { label: 'POST', method: 'POST', path: '/api/templates/preview', body: () => draft, expect: publisher },
      ],
    },
    'POST /api/admin/api-keys': {
      cases: [{ label: 'admin only', path: '/api/admin/api-keys', body: () => ({ name: 'matrix key', scopes: ['scim'] }), expect: adminOnly }],
    },
    'GET /api/admin/api-keys': { cases: [{ label: 'admin only', path: '/api/admin/api-keys', expect: adminOnly }] },
    'GET /api/openapi.json': { cases: [{ label: 'public', path: '/api/openapi.json', expect: anyone }] },
    'GET /api/docs': { cases: [{ label: 'public', path: '/api/docs', expect: anyone }] },
    'GET /api/docs/init.js': { cases: [{ label: 'public', path: '/api/docs/init.js', expect: anyone }] },
    'POST /api/integrations/alertmanager': {
      cases: [
        {
          label: 'keys with announcements:write, for everyone',
          path: '/api/integrations/alertmanager',
          body: () => ({
            version: '4', groupKey: 'matrix', status: 'firing', commonLabels: { alertname: 'Matrix' },
            alerts: [{ status: 'firing', labels: { alertname: 'Matrix' }, startsAt: '2026-11-29T21:00:00Z' }],
          }),
          expect: (who) => (who === 'anon' ? 401 : 403), // people do not post alerts
          keys: (k) => (k === 'keyWrite' ? 'ok' : 403), // keyIt may not address everyone
        },
      ],
    },
    'DELETE /api/admin/api-keys/:id': { cases: [{ label: 'admin only', path: `/api/admin/api-keys/${f.spareKey}`, expect: adminOnly }] },
    // People and departments, the import and the audit log: admins only.
    'GET /api/admin/users': { cases: [{ label: 'admin only', path: '/api/admin/users?query=a&limit=5', expect: adminOnly }] },
    'GET /api/admin/users/:id': { cases: [{ label: 'admin only', path: `/api/admin/users/${f.person}`, expect: adminOnly }] },
    'POST /api/admin/users': {
      cases: [{ label: 'admin only', path: '/api/admin/users', body: (who: Who) => ({ email: `matrix.${who}@heraldo.test`, name: `Matrix ${who}`, role: 'employee' }), expect: adminOnly }],
    },
    'PATCH /api/admin/users/:id': { cases: [{ label: 'admin only', path: `/api/admin/users/${f.person}`, body: () => ({ timezone: 'Europe/Madrid' }), expect: adminOnly }] },
    'POST /api/admin/users/:id/invitation': { cases: [{ label: 'admin only', path: `/api/admin/users/${f.person}/invitation`, expect: adminOnly }] },
    'POST /api/admin/users/import': {
      cases: [{ label: 'admin only (dry run)', path: '/api/admin/users/import?dryRun=true', csv: 'email,name\nmatrix.csv@heraldo.test,Matrix CSV\n', expect: adminOnly }],
    },
    'GET /api/admin/departments': { cases: [{ label: 'admin only', path: '/api/admin/departments', expect: adminOnly }] },
    'POST /api/admin/departments': {
      cases: [{ label: 'admin only', path: '/api/admin/departments', body: (who: Who) => ({ slug: `matrix-${who.toLowerCase()}`, name: `Matrix ${who}` }), expect: adminOnly }],
    },
    'PATCH /api/admin/departments/:id': { cases: [{ label: 'admin only', path: `/api/admin/departments/${dept.sales}`, body: () => ({ name: 'Sales' }), expect: adminOnly }] },
    'GET /api/admin/audit': { cases: [{ label: 'admin only', path: '/api/admin/audit?limit=5', expect: adminOnly }] },
    // Whoever holds an invitation's token, signed in or not.
    'POST /api/auth/password': {
      cases: [{ label: 'token holder', path: '/api/auth/password', body: (who: Who) => ({ token: passwordTokens[who], password: 'matrix password 12' }), expect: anyone }],
    },
    // Single sign-on: which ways in are on is public; the OpenID Connect routes answer 404 in
    // this world, where it is not configured (tests/identity/oidc covers them turned on).
    'GET /api/auth/providers': { cases: [{ label: 'public', path: '/api/auth/providers', expect: anyone }] },
    'GET /api/auth/oidc/login': { cases: [{ label: 'public (off here)', path: '/api/auth/oidc/login', expect: () => 404 }] },
    'GET /api/auth/oidc/callback': { cases: [{ label: 'public (off here)', path: '/api/auth/oidc/callback?code=x&state=y', expect: () => 404 }] },
    // SCIM: only an API key with the scim scope; people, signed in or not, get 401.
    ...scimRules(),
    // bull-board behind one guard: its page, its API, and a write (retry every failed email job).
    'ALL /admin/queues{/*rest}': {
      cases: [
        { label: 'dashboard page', method: 'GET', path: '/admin/queues', expect: adminOnly },
        { label: 'queue list', method: 'GET', path: '/admin/queues/api/queues', expect: adminOnly },
        { label: 'retry failed', method: 'PUT', path: '/admin/queues/api/queues/email/retry/failed', expect: adminOnly },
      ],
    },
    'GET /{*path}': { optional: true, cases: [{ label: 'web client', path: '/inbox', expect: anyone }] },
  };
}

/** Every SCIM route: keys with the `scim` scope only (401 for anyone else, 403 for other keys). */
function scimRules(): Record<string, { cases: Case[] }> {
  const scim = (label: string, path: string, body?: () => unknown): { cases: Case[] } => ({
    cases: [{ label, path: `/scim/v2${path}`, body, expect: () => 401, keys: (k) => (k === 'keyScim' ? 'ok' : 403) }],
  });
  const core = 'urn:ietf:params:scim:schemas:core:2.0';
  const user = () => ({ schemas: [`${core}:User`], userName: 'scim.matrix@heraldo.test', displayName: 'SCIM Matrix' });
  const patch = (path: string, value: unknown) => () => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path, value }] });
  return {
    'GET /scim/v2/ServiceProviderConfig': scim('discovery', '/ServiceProviderConfig'),
    'GET /scim/v2/ResourceTypes': scim('discovery', '/ResourceTypes'),
    'GET /scim/v2/ResourceTypes/:name': scim('discovery', '/ResourceTypes/User'),
    'GET /scim/v2/Schemas': scim('discovery', '/Schemas'),
    'GET /scim/v2/Schemas/:id': scim('discovery', `/Schemas/${core}:User`),
    'GET /scim/v2/Users': scim('filter', `/Users?filter=${encodeURIComponent('userName eq "alice@heraldo.test"')}`),
    'POST /scim/v2/Users': scim('create', '/Users', () => ({ schemas: [`${core}:User`], userName: 'scim.created@heraldo.test', displayName: 'SCIM Created' })),
    'GET /scim/v2/Users/:id': scim('read', `/Users/${f.scimUser}`),
    'PUT /scim/v2/Users/:id': scim('replace', `/Users/${f.scimUser}`, user),
    'PATCH /scim/v2/Users/:id': scim('patch', `/Users/${f.scimUser}`, patch('displayName', 'SCIM Matrix 2')),
    'DELETE /scim/v2/Users/:id': scim('deactivate', `/Users/${f.scimUser}`),
    'GET /scim/v2/Groups': scim('filter', `/Groups?filter=${encodeURIComponent('displayName eq "IT"')}&excludedAttributes=members`),
    'POST /scim/v2/Groups': scim('create', '/Groups', () => ({ schemas: [`${core}:Group`], displayName: 'SCIM matrix group', externalId: 'scim-matrix-new' })),
    'GET /scim/v2/Groups/:id': scim('read', `/Groups/${f.scimGroup}`),
    'PUT /scim/v2/Groups/:id': scim('replace', `/Groups/${f.scimGroup}`, () => ({ schemas: [`${core}:Group`], displayName: 'SCIM matrix' })),
    'PATCH /scim/v2/Groups/:id': scim('patch', `/Groups/${f.scimGroup}`, patch('displayName', 'SCIM matrix 2')),
    'DELETE /scim/v2/Groups/:id': scim('empty', `/Groups/${f.scimGroup}`),
  };
}

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  routes = routeTable(createApp(node.ctx, await loadTemplates()));
  dept = await departmentIds(world.prisma);
  for (const who of PRINCIPALS) if (who !== 'anon') clients[who] = await login(node.url!, WHO[who]);
  const publish = async (who: 'itManager' | 'hrManager' | 'comms', audience: unknown, scheduledAt?: string) => {
    const res = await clients[who].json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title: `fixture ${who}`, body: 'x', audience, channels: ['in_app'], ...(scheduledAt ? { scheduledAt } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  f.annIt = await publish('itManager', { type: 'departments', departmentIds: [dept.it] });
  f.annHr = await publish('hrManager', { type: 'departments', departmentIds: [dept.hr] });
  f.annAll = await publish('comms', { type: 'all' });
  f.schedIt = await publish('itManager', { type: 'departments', departmentIds: [dept.it] }, tomorrow);
  f.schedHr = await publish('hrManager', { type: 'departments', departmentIds: [dept.hr] }, tomorrow);
  f.retractIt = await publish('itManager', { type: 'departments', departmentIds: [dept.it] });
  f.retractHr = await publish('hrManager', { type: 'departments', departmentIds: [dept.hr] });
  await waitUntil(async () => (await world.prisma.notification.count({ where: { announcementId: { in: [f.annIt, f.annHr] } } })) === 4);
  const n = async (email: string, announcementId: string) =>
    (await world.prisma.notification.findFirstOrThrow({ where: { announcementId, user: { email } } })).id.toString();
  f.nAliceIt = await n(WHO.alice, f.annIt);
  f.nBobHr = await n(WHO.bob, f.annHr);
  const createKey = async (name: string, scopes: readonly string[], departments: readonly string[]) => {
    const res = await clients.admin.json<{ id: string; key: string }>('/api/admin/api-keys', {
      method: 'POST',
      body: { name, scopes, departmentIds: departments.map((slug) => dept[slug]) },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  for (const k of KEY_PRINCIPALS) keySecrets[k] = (await createKey(k, KEYS[k].scopes, KEYS[k].departments)).key;
  f.spareKey = (await createKey('spare', ['scim'], [])).id;
  f.person = (await world.prisma.user.findUniqueOrThrow({ where: { email: 'dan@heraldo.test' } })).id;
  f.draftIt = randomUUID();
  f.draftHr = randomUUID();
  for (const [id, who] of [[f.draftIt, 'itManager'], [f.draftHr, 'hrManager']] as const) {
    expect((await clients[who].fetch(`/api/drafts/${id}`, { method: 'PUT', body: { title: 'fixture' } })).status).toBe(200);
  }
  // SCIM's own fixtures: a DELETE deactivates its user, and nothing else uses these two.
  f.scimUser = (await world.prisma.user.create({ data: { email: 'scim.matrix@heraldo.test', name: 'SCIM Matrix' } })).id;
  f.scimGroup = (await world.prisma.department.create({ data: { slug: 'scim-matrix', name: 'SCIM matrix' } })).id;
  for (const who of PRINCIPALS) {
    const user = await world.prisma.user.create({ data: { email: `invited.${who}@heraldo.test`, name: `Invited ${who}` } });
    passwordTokens[who] = (await issuePasswordToken(world.prisma, user.id)).token;
  }
});
afterAll(() => world?.close());

async function call(who: Who | KeyWho, c: Case, method: string): Promise<number> {
  const isKey = (KEY_PRINCIPALS as string[]).includes(who);
  let token = isKey ? keySecrets[who as KeyWho] : who === 'anon' ? undefined : clients[who as Exclude<Who, 'anon'>].token;
  if (c.fresh && !isKey && who !== 'anon') token = (await login(node.url!, WHO[who as Exclude<Who, 'anon'>])).token;
  const body = c.body?.(isKey ? 'anon' : (who as Who));
  const key = isKey ? (body as { title?: string } | undefined) : undefined;
  // Key publishes carry their own title, so the "wrote nothing" check below can tell them apart.
  if (key?.title?.startsWith('matrix ')) key.title = key.title.replace(/^matrix anon/, `keymatrix ${who}`);
  const type = c.csv !== undefined ? 'text/csv' : body !== undefined ? 'application/json' : undefined;
  const res = await fetch(`${node.url}${c.path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(type ? { 'content-type': type } : {}) },
    body: c.csv ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  await res.arrayBuffer();
  return res.status;
}

const outcomeOf = (status: number): Outcome | number =>
  status === 401 || status === 403 || status === 404 ? status : (status >= 200 && status < 300) || status === 409 ? 'ok' : status;

describe('authorization matrix', () => {
  it('has a rule for every route of the app, and no rule for a route that is gone', { timeout: 15_000 }, () => {
    const table = rules();
    const keys = new Set(routes.map((r) => r.key));
    expect([...keys].filter((k) => !table[k]), 'routes without a rule').toEqual([]);
    expect(Object.keys(table).filter((k) => !keys.has(k) && !table[k]!.optional), 'rules without a route').toEqual([]);
    expect(keys.size).toBeGreaterThan(15);
  });

  it('answers every route × role × department as the rules say', { timeout: 60_000 }, async () => {
    const table = rules();
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes) {
      for (const c of table[route.key]?.cases ?? []) { // a route without a rule fails the first test
        for (const method of c.method ? [c.method] : expandMethods(route, ['GET', 'POST'])) {
          for (const who of PRINCIPALS) {
            const got = outcomeOf(await call(who, c, method));
            calls++;
            if (got !== c.expect(who)) wrong.push(`${method} ${c.path} (${c.label}) as ${who}: got ${got}, want ${c.expect(who)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(200);
    // Refused publishes wrote nothing.
    const made = await world.prisma.announcement.findMany({ where: { title: { startsWith: 'matrix ' } }, select: { title: true } });
    for (const { title } of made) {
      const [, who, target] = title.split(' ') as [string, Who, string];
      expect(mayTarget(target)(who), title).toBe('ok');
    }
  });

  it('refuses API keys on every /api route except those open to them, by scope and department', { timeout: 60_000 }, async () => {
    const table = rules();
    const wrong: string[] = [];
    for (const route of routes) {
      for (const c of table[route.key]?.cases ?? []) { // a route without a rule fails the first test
        const want = (k: KeyWho): Outcome => c.keys?.(k) ?? (/^\/api(\/|$)/.test(c.path) ? 403 : c.expect('anon'));
        for (const method of c.method ? [c.method] : expandMethods(route, ['GET', 'POST'])) {
          for (const k of KEY_PRINCIPALS) {
            const got = outcomeOf(await call(k, c, method));
            if (got !== want(k)) wrong.push(`${method} ${c.path} (${c.label}) with ${k}: got ${got}, want ${want(k)}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    const made = await world.prisma.announcement.findMany({ where: { title: { startsWith: 'keymatrix ' } }, select: { title: true } });
    expect(made.length).toBeGreaterThan(0);
    for (const { title } of made) {
      const [, k, target] = title.split(' ') as [string, KeyWho, string];
      expect(keyMayTarget(target)(k), title).toBe('ok');
    }
  });

  it('shows each manager and employee only their own department\'s data', { timeout: 15_000 }, async () => {
    const list = async (who: Who) => (await clients[who as 'alice'].json<{ id: string }[]>('/api/announcements')).body.map((a) => a.id);
    expect(await list('itManager')).not.toContain(f.annHr);
    expect(await list('hrManager')).not.toContain(f.annIt);
    expect(await list('itManager')).toContain(f.annIt);
    const inbox = async (who: Who, q = '') => (await clients[who as 'alice'].json<{ items: { id: string }[] }>(`/api/inbox${q}`)).body.items.map((n) => n.id);
    expect(await inbox('alice')).toContain(f.nAliceIt);
    expect(await inbox('alice')).not.toContain(f.nBobHr);
    expect(await inbox('alice', '?department=hr')).toEqual([]);
    expect(await inbox('bob')).not.toContain(f.nAliceIt);
    const recipients = (await clients.itManager.json<{ items: { email: string }[] }>(`/api/announcements/${f.annIt}/recipients`)).body.items;
    expect(recipients.map((r) => r.email).sort()).toEqual([WHO.alice, WHO.itManager]);
  });
});
