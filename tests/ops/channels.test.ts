// A first run without SMTP or Slack: the signed-in user learns which channels are on (the
// composer greys out the others), and an announcement sent to them anyway records why its
// deliveries were skipped, which its stats return as recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, departmentIds, login, waitUntil, type World } from '../support/harness.js';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world?.close());

describe('channels that are off', () => {
  it('are named in GET /api/me', async () => {
    const bare = await world.start({ HERALDO_SERVICES: 'api' });
    const withMail = await world.start({ HERALDO_SERVICES: 'api', SMTP_URL: 'smtp://127.0.0.1:2525', SLACK_BOT_TOKEN: 'xoxb-test' });
    const me = (url: string) => login(url, 'alice@heraldo.test').then((c) => c.json<{ channels: unknown }>('/api/me'));
    expect((await me(bare.url!)).body.channels).toEqual({ email: false, slack: false });
    expect((await me(withMail.url!)).body.channels).toEqual({ email: true, slack: true });
  });

  it('give skipped deliveries with the reason each recorded, in the stats', { timeout: 30_000 }, async () => {
    const node = await world.start();
    const comms = await login(node.url!, 'comms@heraldo.test');
    const dept = await departmentIds(world.prisma);
    const created = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { title: 'Both off', body: 'x', audience: { type: 'departments', departmentIds: [dept.it] }, channels: ['in_app', 'email', 'slack'], priority: 'normal' },
    });
    expect(created.status).toBe(201);
    type Stats = { recipients: number; skippedReasons: { channel: string; reason: string; count: number }[] };
    let stats: Stats | undefined;
    await waitUntil(async () => {
      stats = (await comms.json<Stats>(`/api/announcements/${created.body.id}/stats`)).body;
      return stats.recipients > 0 && stats.skippedReasons.length === 2;
    }, 20_000, 'the fan-out');
    expect(stats!.skippedReasons).toEqual([
      { channel: 'email', reason: 'email is off: SMTP_URL is not set', count: stats!.recipients },
      { channel: 'slack', reason: 'Slack is off: SLACK_BOT_TOKEN is not set', count: 1 },
    ]);
  });
});
