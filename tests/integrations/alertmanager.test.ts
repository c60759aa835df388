// Alertmanager's webhook becomes announcements: one per alert group while it fires, nothing
// sent twice (repeats and concurrent duplicates), "resolved" edits the same announcement
// (Slack chat.update, no new post), bad bodies are 400s naming the field, and keys rule.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { createWorld, login, sleep, waitUntil, type Client, type World } from '../support/harness.js';

let world: World;
let url: string;
let slack: FakeSlack;
let admin: Client;
const keys = {} as Record<'all' | 'it' | 'scim', { id: string; key: string }>;

beforeAll(async () => {
  slack = await startFakeSlack();
  world = await createWorld({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url, SLACK_COMPANY_CHANNEL: 'C_ALL' });
  url = (await world.start()).url!;
  admin = await login(url, 'admin@heraldo.test');
  const create = async (name: string, scopes: string[], departments: string[] = []) => {
    const ids = departments.length ? (await world.prisma.department.findMany({ where: { slug: { in: departments } } })).map((d) => d.id) : [];
    const res = await admin.json<{ id: string; key: string }>('/api/admin/api-keys', { method: 'POST', body: { name, scopes, departmentIds: ids } });
    expect(res.status).toBe(201);
    return res.body;
  };
  keys.all = await create('Alertmanager', ['announcements:write']);
  keys.it = await create('IT Alertmanager', ['announcements:write'], ['it']);
  keys.scim = await create('Directory', ['scim']);
});
afterAll(async () => {
  await world?.close();
  await slack?.stop();
});

function hook(groupKey: string, status: 'firing' | 'resolved', over: Record<string, unknown> = {}) {
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status,
    receiver: 'heraldo',
    groupLabels: { alertname: 'DiskFull' },
    commonLabels: { alertname: 'DiskFull', severity: 'critical' },
    commonAnnotations: { summary: 'Disk almost full on the file servers' },
    externalURL: 'http://alertmanager.example:9093',
    alerts: ['fs-1', 'fs-2'].map((instance) => ({
      status,
      labels: { alertname: 'DiskFull', severity: 'critical', instance },
      annotations: { description: `Only 3% free on ${instance}`, summary: 'Disk almost full on the file servers' },
      startsAt: '2026-11-29T21:04:05.123456789Z',
      endsAt: status === 'resolved' ? '2026-11-29T22:00:00Z' : '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph?g0.expr=disk',
      fingerprint: `f-${instance}`,
    })),
    ...over,
  };
}

async function send(body: unknown, opts: { key?: string | null; query?: string; raw?: string } = {}) {
  const key = opts.key === undefined ? keys.all.key : opts.key;
  const res = await fetch(`${url}/api/integrations/alertmanager${opts.query ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: opts.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { announcementId?: string | null; error?: { code: string; fields?: Record<string, string> } } };
}

const postsOf = (id: string) => world.prisma.delivery.count({ where: { announcementId: id, channel: 'slack', status: 'sent' } });

describe('firing and resolved', () => {
  let id: string;

  it('announces a firing group once: title, body, priority, channels, author', async () => {
    const res = await send(hook('{}:{alertname="DiskFull"}', 'firing'));
    expect(res.status).toBe(202);
    id = res.body.announcementId!;
    const a = await admin.json<Record<string, unknown>>(`/api/announcements/${id}`);
    expect(a.body).toMatchObject({
      title: 'Disk almost full on the file servers',
      priority: 'urgent',
      channels: ['in_app', 'slack'],
      audience: { type: 'all' },
      author: { type: 'apiKey', id: keys.all.id, name: 'Alertmanager' },
    });
    const body = a.body.body as string;
    for (const text of ['fs\\-1', 'fs\\-2', 'Only 3% free on fs\\-1', '2026\\-11\\-29T21:04:05\\.123456789Z', 'severity\\=critical']) expect(body).toContain(text);
    await waitUntil(async () => (await postsOf(id)) === 1, 15_000, 'the Slack post');
    expect(slack.posts.filter((p) => p.channel === 'C_ALL')).toHaveLength(1);
    expect(await world.prisma.notification.count({ where: { announcementId: id } })).toBeGreaterThan(5);
  });

  it('sends nothing again while the same group fires', async () => {
    const posts = slack.posts.length;
    for (let i = 0; i < 3; i++) {
      const again = await send(hook('{}:{alertname="DiskFull"}', 'firing'));
      expect(again).toEqual({ status: 202, body: { announcementId: id } });
    }
    await sleep(500);
    expect(slack.posts.length).toBe(posts);
    expect(await world.prisma.announcement.count({ where: { apiKeyId: keys.all.id } })).toBe(1);
  });

  it('edits the same announcement when the group resolves: Slack updated in place, nothing new sent', async () => {
    const posts = slack.posts.length;
    const announcements = await world.prisma.announcement.count();
    const res = await send(hook('{}:{alertname="DiskFull"}', 'resolved'));
    expect(res).toEqual({ status: 202, body: { announcementId: id } });
    const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id } });
    expect(a.title).toBe('Resolved: Disk almost full on the file servers');
    expect(a.editedAt).not.toBeNull();
    expect(a.body).toContain('**Resolved**');
    expect((await world.prisma.alertGroup.findFirstOrThrow({ where: { announcementId: id } })).resolvedAt).not.toBeNull();
    await waitUntil(() => slack.changes.some((c) => c.method === 'chat.update' && (c.text ?? '').includes('Resolved')), 15_000, 'chat.update');
    expect(slack.posts.length).toBe(posts);
    expect(await world.prisma.announcement.count()).toBe(announcements);
    const audit = await world.prisma.auditEvent.findFirstOrThrow({ where: { action: 'announcement.edit', targetId: id } });
    expect(audit).toMatchObject({ actorType: 'apiKey', actorId: keys.all.id });

    // Alertmanager repeats "resolved": same answer, no second edit.
    expect(await send(hook('{}:{alertname="DiskFull"}', 'resolved'))).toEqual({ status: 202, body: { announcementId: id } });
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.edit', targetId: id } })).toBe(1);
  });

  it('opens a new announcement when the same group fires again after resolving', async () => {
    const res = await send(hook('{}:{alertname="DiskFull"}', 'firing'));
    expect(res.status).toBe(202);
    expect(res.body.announcementId).not.toBe(id);
  });

  it('answers a "resolved" for a group never seen with a null id, and creates nothing', async () => {
    const before = await world.prisma.announcement.count();
    expect(await send(hook('{}:{alertname="Unknown"}', 'resolved'))).toEqual({ status: 202, body: { announcementId: null } });
    expect(await world.prisma.announcement.count()).toBe(before);
  });

  it('makes one announcement of concurrent deliveries of the same group', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => send(hook('{}:{alertname="Race"}', 'firing'))));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(202));
    expect(new Set(results.map((r) => r.body.announcementId)).size).toBe(1);
    expect(await world.prisma.alertGroup.count({ where: { groupKey: '{}:{alertname="Race"}' } })).toBe(1);
    const resolved = await Promise.all(Array.from({ length: 4 }, () => send(hook('{}:{alertname="Race"}', 'resolved'))));
    expect(new Set(resolved.map((r) => r.body.announcementId))).toEqual(new Set([results[0]!.body.announcementId]));
    expect(await world.prisma.auditEvent.count({ where: { action: 'announcement.edit', targetId: results[0]!.body.announcementId! } })).toBe(1);
  });
});

describe('title, priority and audience', () => {
  it('falls back to the alert name and maps severity', async () => {
    const cases: [string | undefined, string][] = [['warning', 'high'], ['info', 'normal'], [undefined, 'normal']];
    for (const [severity, priority] of cases) {
      const res = await send(hook(`{}:{sev="${severity}"}`, 'firing', {
        commonLabels: { alertname: 'QueueBacklog', ...(severity ? { severity } : {}) },
        commonAnnotations: {},
      }));
      const a = await world.prisma.announcement.findUniqueOrThrow({ where: { id: res.body.announcementId! } });
      expect(a).toMatchObject({ title: 'QueueBacklog', priority });
    }
  });

  it('addresses departments and channels from the query, within the key\'s departments', async () => {
    const res = await send(hook('{}:{dept="it"}', 'firing'), { query: '?departments=it&channels=in_app' });
    expect(res.status).toBe(202);
    const a = await admin.json<{ audience: { type: string; departmentIds: string[] }; channels: string[] }>(`/api/announcements/${res.body.announcementId}`);
    const it = await world.prisma.department.findUniqueOrThrow({ where: { slug: 'it' } });
    expect(a.body.audience).toEqual({ type: 'departments', departmentIds: [it.id] });
    expect(a.body.channels).toEqual(['in_app']);

    const before = await world.prisma.announcement.count();
    expect((await send(hook('{}:{limited}', 'firing'), { key: keys.it.key })).status).toBe(403); // no departments = everyone
    expect((await send(hook('{}:{limited}', 'firing'), { key: keys.it.key, query: '?departments=hr' })).status).toBe(403);
    expect((await send(hook('{}:{limited}', 'firing'), { key: keys.it.key, query: '?departments=it,hr' })).status).toBe(403);
    expect(await world.prisma.announcement.count()).toBe(before);
    expect((await send(hook('{}:{limited}', 'firing'), { key: keys.it.key, query: '?departments=it' })).status).toBe(202);
  });
});

describe('refusals', () => {
  it('answers 400 naming the field for a malformed body or query, and writes nothing', async () => {
    const base = hook('{}:{bad}', 'firing');
    const { version: _v, ...noVersion } = base;
    const cases: [unknown, string, string?][] = [
      [noVersion, 'version'],
      [{ ...base, version: '3' }, 'version'],
      [{ ...base, version: 4 }, 'version'],
      [{ ...base, groupKey: undefined }, 'groupKey'],
      [{ ...base, groupKey: '' }, 'groupKey'],
      [{ ...base, status: 'burning' }, 'status'],
      [{ ...base, alerts: [] }, 'alerts'],
      [{ ...base, alerts: 'many' }, 'alerts'],
      [{ ...base, alerts: [{ ...base.alerts[0], labels: undefined }] }, 'alerts.0.labels'],
      [{ ...base, alerts: [{ ...base.alerts[0], labels: { severity: 3 } }] }, 'alerts.0.labels.severity'],
      [{ ...base, alerts: [{ ...base.alerts[0], startsAt: 'yesterday' }] }, 'alerts.0.startsAt'],
      [{ ...base, commonLabels: ['x'] }, 'commonLabels'],
      [{ ...base, commonAnnotations: { summary: 'a\u0000b' } }, 'alerts'],
      [base, 'departments', '?departments=nowhere'],
      [base, 'departments.0', '?departments=BAD%20SLUG'],
      [base, 'channels.0', '?channels=fax'],
      [[1, 2], '_'],
    ];
    const announcements = await world.prisma.announcement.count();
    const groups = await world.prisma.alertGroup.count();
    for (const [body, field, query] of cases) {
      const res = await send(body, { query });
      expect(res.status, `${field} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {}), field).toContain(field);
    }
    expect((await send(null, { raw: '{"version": "4",' })).status).toBe(400);
    expect(await world.prisma.announcement.count()).toBe(announcements);
    expect(await world.prisma.alertGroup.count()).toBe(groups);
  });

  it('never answers 5xx, whatever the body or query (property-based)', { timeout: 60_000 }, async () => {
    const valid = hook('{}:{fuzz}', 'firing');
    const paths = ['version', 'groupKey', 'status', 'alerts', 'commonLabels', 'commonAnnotations', 'truncatedAlerts', 'alerts.0', 'alerts.0.labels', 'alerts.0.startsAt', 'alerts.0.status', 'alerts.0.annotations'];
    const mutated = fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([path, value]) => {
      const copy = structuredClone(valid) as Record<string, unknown>;
      const keys = path.split('.');
      let at: Record<string, unknown> = copy;
      for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[keys.at(-1)!] = value;
      return copy;
    });
    const query = fc.option(fc.record({ departments: fc.oneof(fc.string(), fc.constantFrom('it', 'it,hr', ',', 'IT')), channels: fc.oneof(fc.string(), fc.constantFrom('in_app', 'slack,email', '')) }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fc.jsonValue()), query, async (body, q) => {
        const res = await send(body, { query: q ? `?${new URLSearchParams(q as Record<string, string>)}` : '' });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.body.error?.code).toBeTruthy();
      }),
      { numRuns: 150 },
    );
  });

  it('needs a key with announcements:write: 401 without or with an unknown or revoked key, 403 otherwise', async () => {
    expect((await send(hook('{}:{auth}', 'firing'), { key: null })).status).toBe(401);
    expect((await send(hook('{}:{auth}', 'firing'), { key: 'hk_unknown' })).status).toBe(401);
    expect((await send(hook('{}:{auth}', 'firing'), { key: keys.scim.key })).status).toBe(403);
    expect((await send(hook('{}:{auth}', 'firing'), { key: admin.token })).status).toBe(403);
    const spare = await admin.json<{ id: string; key: string }>('/api/admin/api-keys', { method: 'POST', body: { name: 'spare', scopes: ['announcements:write'] } });
    await admin.json(`/api/admin/api-keys/${spare.body.id}`, { method: 'DELETE' });
    expect((await send(hook('{}:{auth}', 'firing'), { key: spare.body.key })).status).toBe(401);
    expect(await world.prisma.alertGroup.count({ where: { groupKey: '{}:{auth}' } })).toBe(0);
  });
});
