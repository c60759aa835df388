// Email batches, driven by hand: no worker runs here, so each test runs a batch's handler
// itself, with the real SMTP sink behind a mailer the test can hold up (a crash mid-batch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { Transporter } from 'nodemailer';
import { createAnnouncement, type Publisher } from '../../server/announcements/publish.js';
import { createContext, type Context } from '../../server/context.js';
import { DEACTIVATED, emailBatchHandler } from '../../server/delivery/email-batch.js';
import { createMailer } from '../../server/delivery/email.js';
import { runFanout } from '../../server/delivery/fanout.js';
import type { EmailJob } from '../../server/delivery/queues.js';
import { deliverySweep } from '../../server/delivery/recovery.js';
import { createLogger } from '../../server/logger.js';
import { loadTemplates, type Templates } from '../../server/templates/index.js';
import { createWorld, waitUntil, type World } from '../support/harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let world: World;
let ctx: Context;
let smtp: SmtpSink;
let mailer: Transporter;
let templates: Templates;
let author: Publisher;

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await createWorld({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://heraldo.example.com' });
  ctx = createContext(world.config(), createLogger('silent'));
  mailer = createMailer(smtp.url);
  templates = await loadTemplates();
  author = { type: 'user', ...(await world.prisma.user.findUniqueOrThrow({ where: { email: 'comms@heraldo.test' }, select: { id: true, name: true } })) };
});
afterAll(async () => {
  mailer?.close();
  await ctx?.close();
  await world?.close();
  await smtp?.stop();
});

/** An urgent announcement to everyone by email (urgent: nobody's preference holds it), fanned
 *  out: its rows batched and their jobs queued. Returns its id and its one batch. */
async function fannedOut(title: string) {
  const a = await createAnnouncement(world.prisma, author, {
    title, body: 'Read **this**.', channels: ['email'], priority: 'urgent', requireAck: false, audience: { type: 'all' },
  });
  await runFanout(ctx, a.id);
  const rows = await world.prisma.delivery.findMany({ where: { announcementId: a.id, channel: 'email' }, include: { notification: true } });
  const batches = [...new Set(rows.map((r) => r.batch))];
  expect(batches).toHaveLength(1);
  const first = rows.map((r) => r.notificationId!).reduce((x, y) => (y < x ? y : x));
  expect(batches[0]).toBe(`email-${first}`);
  return { id: a.id, batch: batches[0]!, rows };
}

const job = (batch: string) => ({ data: { batch } }) as Job<EmailJob>;
const mine = (title: string) => smtp.messages.filter((m) => m.header('subject') === `[URGENT] ${title}`);

describe('email batches', () => {
  it('names one job per batch, and a sweep after Redis lost it names the same job', async () => {
    const { id, batch, rows } = await fannedOut('Batch naming');
    expect(await ctx.queues.email.getJob(batch)).toBeDefined();
    // Redis forgets the job; the rows are older than the grace: the sweep queues the same id.
    await (await ctx.queues.email.getJob(batch))!.remove();
    await world.prisma.delivery.updateMany({ where: { announcementId: id }, data: { updatedAt: new Date(Date.now() - 60_000) } });
    await deliverySweep(0)(ctx);
    expect((await ctx.queues.email.getJob(batch))?.data).toEqual({ batch });
    // A held row come due (quiet hours over) is batched by the sweep, after its own first row.
    const held = rows[rows.length - 1]!;
    await world.prisma.delivery.update({ where: { id: held.id }, data: { batch: null, dueAt: new Date(Date.now() - 1_000), updatedAt: new Date(Date.now() - 60_000) } });
    await deliverySweep(0)(ctx);
    const again = await world.prisma.delivery.findUniqueOrThrow({ where: { id: held.id } });
    expect(again.batch).toBe(`email-${held.notificationId}`);
    expect(await ctx.queues.email.getJob(again.batch!)).toBeDefined();
  });

  it('emails nobody deactivated after the fan-out planned their email', async () => {
    const title = 'Deactivated meanwhile';
    const { batch, rows } = await fannedOut(title);
    const dan = await world.prisma.user.update({ where: { email: 'dan@heraldo.test' }, data: { active: false } });
    try {
      const danRow = rows.find((r) => r.notification!.userId === dan.id)!;
      expect(await emailBatchHandler(ctx, templates, mailer)(job(batch))).toBe(`sent ${rows.length - 1}, failed 0`);
      expect(mine(title).map((m) => m.to[0])).not.toContain('dan@heraldo.test');
      expect(mine(title)).toHaveLength(rows.length - 1);
      expect(await world.prisma.delivery.findUniqueOrThrow({ where: { id: danRow.id } })).toMatchObject({ status: 'skipped', error: DEACTIVATED, claim: null });
    } finally {
      await world.prisma.user.update({ where: { id: dan.id }, data: { active: true } });
    }
  });

  it('sends each row once when two runs of one batch overlap', async () => {
    const title = 'Two runs at once';
    const { batch, rows } = await fannedOut(title);
    const send = emailBatchHandler(ctx, templates, mailer);
    const other = emailBatchHandler(ctx, templates, mailer);
    const results = await Promise.allSettled([send(job(batch)), other(job(batch))]);
    // One run claimed every row; the other found them held (and would come back later), or
    // came after and found them sent.
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value === `sent ${rows.length}, failed 0`);
    expect(sent).toHaveLength(1);
    const rest = results.find((r) => !sent.includes(r))!;
    if (rest.status === 'rejected') expect(String(rest.reason)).toMatch(/not settled yet/);
    else expect(rest.value).toBe('already sent');
    expect(mine(title)).toHaveLength(rows.length);
    expect(new Set(mine(title).map((m) => m.to[0])).size).toBe(rows.length);
    expect(await world.prisma.delivery.count({ where: { batch, status: 'sent', attempts: 1 } })).toBe(rows.length);
    expect(await send(job(batch))).toBe('already sent');
  });

  it('after a crash mid-batch, sends again only the rows not sent', async () => {
    const title = 'Crash mid-batch';
    const { batch, rows } = await fannedOut(title);
    const SENT_BEFORE_CRASH = 3;
    let calls = 0;
    const stuck: (() => void)[] = [];
    // Three go out; the rest hang in the SMTP conversation when the process "dies".
    const dying = {
      sendMail: (m: Parameters<Transporter['sendMail']>[0]) =>
        ++calls <= SENT_BEFORE_CRASH
          ? mailer.sendMail(m)
          : new Promise((_, reject) => stuck.push(() => reject(new Error('the process died')))),
    } as unknown as Transporter;
    const crashed = emailBatchHandler(ctx, templates, dying)(job(batch));
    await waitUntil(async () => stuck.length === rows.length - SENT_BEFORE_CRASH && (await world.prisma.delivery.count({ where: { batch, status: 'sent' } })) === SENT_BEFORE_CRASH, 10_000, 'the first sends');
    expect(mine(title)).toHaveLength(SENT_BEFORE_CRASH);

    // Its rows stay claimed until the lease lapses: a re-run now sends nothing.
    const sentAgain: string[] = [];
    const recording = {
      sendMail: (m: Parameters<Transporter['sendMail']>[0]) => (sentAgain.push(String(m.messageId)), mailer.sendMail(m)),
    } as unknown as Transporter;
    const rerun = emailBatchHandler(ctx, templates, recording);
    await expect(rerun(job(batch))).rejects.toThrow(/not settled yet/);
    expect(sentAgain).toEqual([]);

    // The lease lapses (the dead process renews it no more): the re-run sends the rest, once.
    await world.prisma.$executeRaw`UPDATE "Delivery" SET "lockedUntil" = now() - interval '1 second' WHERE batch = ${batch} AND status = 'pending'`;
    expect(await rerun(job(batch))).toBe(`sent ${rows.length - SENT_BEFORE_CRASH}, failed 0`);
    const unsent = rows.filter((r) => !mine(title).slice(0, SENT_BEFORE_CRASH).some((m) => m.header('x-heraldo-notification') === r.notificationId!.toString()));
    expect(sentAgain.sort()).toEqual(unsent.map((r) => `<notification-${r.notificationId}@heraldo.example.com>`).sort());
    expect(mine(title)).toHaveLength(rows.length);
    expect(new Set(mine(title).map((m) => m.to[0])).size).toBe(rows.length);

    // The dead run's sends fail late: that changes nothing recorded.
    for (const fail of stuck) fail();
    await crashed;
    expect(await world.prisma.delivery.count({ where: { batch, status: 'sent', attempts: 1 } })).toBe(rows.length);
  });
});
