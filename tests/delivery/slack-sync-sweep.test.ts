// Slack posts kept in line with an edit or a retraction when Redis lost the job that should
// have done it. Driven by hand: no worker runs, so the test posts, edits, loses the job,
// sweeps and runs the job itself, against the fake Slack.
import type { Job } from 'bullmq';
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '../../server/audit/audit.js';
import { editAnnouncement, retractAnnouncement } from '../../server/announcements/edit.js';
import { createAnnouncement } from '../../server/announcements/publish.js';
import { createContext, type Context } from '../../server/context.js';
import { runDelivery } from '../../server/delivery/delivery-task.js';
import { runFanout } from '../../server/delivery/fanout.js';
import { jobId, type SlackSyncJob } from '../../server/delivery/queues.js';
import { createSlackClient, loadSlack, slackSender } from '../../server/delivery/slack.js';
import { slackSyncHandler } from '../../server/delivery/slack-sync.js';
import { slackSyncSweep } from '../../server/delivery/slack-sync-sweep.js';
import { createLogger } from '../../server/logger.js';
import { loadTemplates, type Templates } from '../../server/templates/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { createWorld, departmentIds, type World } from '../support/harness.js';

let world: World;
let ctx: Context;
let slack: FakeSlack;
let client: WebClient;
let templates: Templates;
let actor: ReturnType<typeof userActor>;

beforeAll(async () => {
  slack = await startFakeSlack();
  world = await createWorld({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url, PUBLIC_URL: 'https://heraldo.example.com' });
  ctx = createContext(world.config(), createLogger('silent'));
  client = createSlackClient(ctx);
  templates = await loadTemplates();
  actor = userActor(await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' } }));
});
afterAll(async () => {
  await ctx?.close();
  await world?.close();
  await slack?.stop();
});

/** An announcement to IT on Slack, fanned out and posted: its one Slack delivery, sent. */
async function posted(title: string) {
  const dept = await departmentIds(world.prisma);
  const a = await createAnnouncement(world.prisma, { type: 'user', id: actor.id!, name: actor.name }, {
    title, body: 'The first text.', channels: ['slack'], priority: 'normal', requireAck: false, audience: { type: 'departments', departmentIds: [dept.it!] },
  });
  await runFanout(ctx, a.id);
  const d = await world.prisma.delivery.findFirstOrThrow({ where: { announcementId: a.id, channel: 'slack' } });
  const job = { data: { deliveryId: d.id } } as Job<{ deliveryId: string }>;
  expect(await runDelivery(ctx, job, undefined, (id) => loadSlack(ctx, id), slackSender(ctx, templates, client))).toMatch(/sent/);
  return { id: a.id, delivery: await world.prisma.delivery.findUniqueOrThrow({ where: { id: d.id } }) };
}

/** Redis loses the job (and, to make sure, every slack-sync job there is). */
async function loseJobs() {
  await ctx.queues['slack-sync'].obliterate({ force: true });
}

async function runQueued(id: string): Promise<string> {
  const job = await ctx.queues['slack-sync'].getJob(id);
  expect(job, `job ${id} queued`).toBeDefined();
  return slackSyncHandler(ctx, templates, client)(job as Job<SlackSyncJob>);
}

describe('Slack posts after a lost sync job', () => {
  it('are edited in place once the sweep queues the update again, and only then', async () => {
    const { id, delivery } = await posted('Sync me');
    const edited = await editAnnouncement(ctx, actor, id, { title: 'Sync me, edited' });
    await loseJobs();
    const sweep = slackSyncSweep(0);

    expect(await sweep(ctx)).toBe(1);
    const changesBefore = slack.changes.length;
    expect(await runQueued(jobId.slackSync(delivery.id, 'update', edited.editedAt.getTime()))).toBe('updated');
    expect(slack.changes.slice(changesBefore)).toEqual([expect.objectContaining({ method: 'chat.update', channel: delivery.target, ts: delivery.providerId })]);
    expect(slack.changes.at(-1)!.text).toContain('Sync me, edited');
    expect((await world.prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).syncedAt).toEqual(edited.editedAt);

    // In line now: nothing more to queue, even with the job gone again.
    await loseJobs();
    expect(await sweep(ctx)).toBe(0);
  });

  it('are deleted once the sweep queues the deletion again', async () => {
    const { id, delivery } = await posted('Delete me');
    await retractAnnouncement(ctx, actor, id);
    await loseJobs();
    const sweep = slackSyncSweep(0);

    expect(await sweep(ctx)).toBe(1);
    expect(await runQueued(jobId.slackSync(delivery.id, 'delete'))).toBe('deleted');
    expect(slack.changes.at(-1)).toMatchObject({ method: 'chat.delete', ts: delivery.providerId });
    expect((await world.prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).error).toBe('retracted: post deleted');

    await loseJobs();
    expect(await sweep(ctx)).toBe(0);
  });

  it('leaves posts alone that already show the announcement', async () => {
    await posted('Never edited');
    await loseJobs();
    expect(await slackSyncSweep(0)(ctx)).toBe(0);
  });
});
