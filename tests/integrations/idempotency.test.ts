// Idempotency-Key on POST /api/announcements: replay, another body, in flight, expiry,
// failures give the key back, and two api nodes racing with the same key publish once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '../../server/integrations/idempotency.js';
import { createWorld, departmentIds, login, type Client, type World } from '../support/harness.js';

let world: World;
let urls: string[];
let dept: Record<string, string>;
let comms: Client;
let itManager: Client;

beforeAll(async () => {
  world = await createWorld();
  // Two api nodes, each with its own connection pool, like two machines behind a balancer.
  urls = [(await world.start({ HERALDO_SERVICES: 'api' })).url!, (await world.start({ HERALDO_SERVICES: 'api' })).url!];
  dept = await departmentIds(world.prisma);
  comms = await login(urls[0]!, 'comms@heraldo.test');
  itManager = await login(urls[0]!, 'it.manager@heraldo.test');
});
afterAll(() => world?.close());

const body = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  body: 'Payroll is **closed** for the month.',
  audience: { type: 'departments', departmentIds: [dept.finance] },
  channels: ['in_app'],
  ...extra,
});

async function post(client: Client, key: string | undefined, payload: unknown, url = urls[0]!) {
  const res = await fetch(`${url}/api/announcements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json', ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await res.text();
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: JSON.parse(text) as { id?: string; status?: string; error?: { code: string; fields?: Record<string, string> } } };
}

const countTitled = (title: string) => world.prisma.announcement.count({ where: { title } });

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, with Idempotent-Replayed, and publishes once', async () => {
    const key = randomUUID();
    const first = await post(comms, key, body('replay me'));
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    // The same JSON with its keys in another order is the same body.
    const reordered = `{"channels":["in_app"],"audience":{"departmentIds":["${dept.finance}"],"type":"departments"},"body":"Payroll is **closed** for the month.","title":"replay me"}`;
    for (const payload of [body('replay me'), reordered]) {
      const again = await post(comms, key, payload, urls[1]);
      expect(again.status).toBe(201);
      expect(again.replayed).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect(await countTitled('replay me')).toBe(1);
    const record = await world.prisma.idempotencyRecord.findFirstOrThrow({ where: { key } });
    expect(record).toMatchObject({ scope: `user:${comms.user.id}`, responseStatus: 201, responseBody: first.body });
    expect(record.expiresAt.getTime() - record.createdAt.getTime()).toBe(24 * 3600 * 1000);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    const key = randomUUID();
    expect((await post(comms, key, body('first body'))).status).toBe(201);
    const other = await post(comms, key, body('second body'));
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe('idempotency_key_reused');
    // Even an invalid body: it is the key that is misused.
    expect((await post(comms, key, { title: '' })).status).toBe(422);
    expect(await countTitled('second body')).toBe(0);
  });

  it('answers 409 idempotency_key_in_use while the first request is running', async () => {
    const key = randomUUID();
    const payload = body('in flight');
    // The state a running first request leaves: claimed, no answer yet.
    await world.prisma.idempotencyRecord.create({
      data: { scope: `user:${comms.user.id}`, key, requestHash: requestHash(payload), expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const res = await post(comms, key, payload);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('idempotency_key_in_use');
    expect(await countTitled('in flight')).toBe(0);
  });

  it('takes over a claim abandoned by a request that died (no answer after a minute)', async () => {
    const key = randomUUID();
    const payload = body('abandoned');
    await world.prisma.idempotencyRecord.create({
      data: { scope: `user:${comms.user.id}`, key, requestHash: requestHash(payload), createdAt: new Date(Date.now() - 120_000), expiresAt: new Date(Date.now() + 86_000_000) },
    });
    expect((await post(comms, key, payload)).status).toBe(201);
    expect((await post(comms, key, payload)).replayed).toBe('true');
    expect(await countTitled('abandoned')).toBe(1);
  });

  it('forgets a key after 24 hours', async () => {
    const key = randomUUID();
    expect((await post(comms, key, body('yesterday'))).status).toBe(201);
    await world.prisma.idempotencyRecord.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - 25 * 3600_000), expiresAt: new Date(Date.now() - 3600_000) } });
    const today = await post(comms, key, body('today'));
    expect(today.status).toBe(201);
    expect(today.replayed).toBeNull();
    expect(await countTitled('today')).toBe(1);
  });

  it('keeps keys apart per caller', async () => {
    const key = randomUUID();
    const mine = await post(comms, key, body('per caller', { audience: { type: 'departments', departmentIds: [dept.it] } }));
    const theirs = await post(itManager, key, body('per caller', { audience: { type: 'departments', departmentIds: [dept.it] } }));
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.replayed).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('gives the key back when the request fails, so a corrected retry publishes', async () => {
    const key = randomUUID();
    const invalid = await post(comms, key, body('', {}));
    expect(invalid.status).toBe(400);
    const refused = await post(itManager, key, body('not mine to send'));
    expect(refused.status).toBe(403);
    expect(await world.prisma.idempotencyRecord.count({ where: { key } })).toBe(0);
    const fixed = await post(comms, key, body('fixed'));
    expect(fixed.status).toBe(201);
    expect(fixed.replayed).toBeNull();
  });

  it('refuses a malformed key with 400 naming the header, and publishes nothing', async () => {
    for (const bad of ['', 'x'.repeat(256), 'tab\there']) {
      const res = await post(comms, bad, body('bad key'));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(Object.keys(res.body.error?.fields ?? {})).toEqual(['Idempotency-Key']);
    }
    expect((await post(comms, 'x'.repeat(255), body('longest key'))).status).toBe(201);
    expect(await countTitled('bad key')).toBe(0);
  });

  it('publishes exactly once when two api nodes get the same key at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const key = randomUUID();
      const title = `race ${round}`;
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => post(comms, key, body(title), urls[i % 2])));
      expect(await countTitled(title)).toBe(1);
      const created = results.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const r of results) expect([201, 409], JSON.stringify(r.body)).toContain(r.status);
      expect(results.filter((r) => r.status === 201 && r.replayed === null)).toHaveLength(1);
      // Once it is done, every retry gets the answer.
      expect((await post(comms, key, body(title), urls[1])).replayed).toBe('true');
    }
  });

  it('canonical JSON sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
});
