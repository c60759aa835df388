// The fan-out of one announcement: publish it if it was scheduled, create every recipient's
// notification, emit the in-app ones, and queue the email and Slack sends. Every step is
// idempotent, so a retry after a crash at any point completes the work without repeating it.
import type { Context } from '../context.js';
import { Prisma } from '../db/client.js';
import { announceUpdate } from '../realtime/emitter.js';
import { scheduleReminder } from '../announcements/remind.js';
import { planEmails } from '../preferences/email-plan.js';
import { createNotifications } from './notification-pages.js';
import { queueEmailBatches } from './email-batching.js';
import { JOB_OPTIONS, jobId } from './queues.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadAnnouncement>>>;

function loadAnnouncement(ctx: Context, id: string) {
  return ctx.prisma.announcement.findUnique({
    where: { id },
    include: { departments: { include: { department: true } } },
  });
}

export async function runFanout(ctx: Context, announcementId: string, progress: (p: number) => Promise<void> = async () => {}) {
  const started = performance.now();
  const log = ctx.logger.child({ announcementId, job: 'fanout' });
  // A scheduled one becomes published now, unless it was cancelled in the meantime.
  await ctx.prisma.announcement.updateMany({
    where: { id: announcementId, status: 'scheduled' },
    data: { status: 'published', publishedAt: new Date() },
  });
  const a = await loadAnnouncement(ctx, announcementId);
  if (!a || a.status !== 'published' || !a.fanoutPending) {
    log.info({ status: a?.status, pending: a?.fanoutPending }, 'nothing to fan out');
    return { recipients: 0, skipped: true };
  }
  await scheduleReminder(ctx.prisma, a);

  // In-app ones go out page by page as they commit (notification-pages.ts).
  const recipients = await createNotifications(ctx, a);
  await ctx.prisma.announcement.update({ where: { id: a.id }, data: { recipientCount: recipients } });
  log.info({ recipients }, 'notifications created');
  await progress(25);

  await progress(60);
  if (a.channels.includes('email')) await queueEmails(ctx, a);
  await progress(80);
  if (a.channels.includes('slack')) await queueSlack(ctx, a);

  await ctx.prisma.announcement.update({ where: { id: a.id }, data: { fanoutPending: false, fannedOutAt: new Date() } });
  announceUpdate(ctx.emitter, a.id, a.authorId);
  const seconds = (performance.now() - started) / 1000;
  ctx.metrics.fanoutDuration.observe(seconds);
  log.info({ recipients, seconds: Number(seconds.toFixed(3)) }, 'fan-out done');
  return { recipients, skipped: false };
}

/** One Delivery row per recipient, as each one's email choices say (server/preferences),
 *  then one job per batch of the rows due now; held ones are batched by the dispatcher's
 *  sweep when due. */
async function queueEmails(ctx: Context, a: Loaded): Promise<void> {
  const off = ctx.config.smtpUrl ? null : 'email is off: SMTP_URL is not set';
  await ctx.prisma.$transaction((tx) => planEmails(tx, a, off), { timeout: 300_000 });
  if (off) return;
  await queueEmailBatches(ctx, { announcementId: a.id, kind: 'announcement' });
}

/** One post per Slack channel: the company channel for "all", else each department's. */
async function queueSlack(ctx: Context, a: Loaded): Promise<void> {
  const rows: Prisma.DeliveryCreateManyInput[] = [];
  const off = ctx.config.slackToken ? null : 'Slack is off: SLACK_BOT_TOKEN is not set';
  if (a.audienceType === 'all') {
    const channel = ctx.config.slackCompanyChannel;
    rows.push({
      announcementId: a.id, channel: 'slack', target: channel ?? 'company',
      status: off || !channel ? 'skipped' : 'pending',
      error: off ?? (channel ? null : 'SLACK_COMPANY_CHANNEL is not set'),
    });
  } else {
    for (const { department: d } of a.departments) {
      rows.push({
        announcementId: a.id, channel: 'slack', target: d.slackChannelId ?? `department:${d.slug}`, departmentId: d.id,
        status: off || !d.slackChannelId ? 'skipped' : 'pending',
        error: off ?? (d.slackChannelId ? null : `department ${d.slug} has no Slack channel`),
      });
    }
  }
  // Two departments sharing one channel get one post: target is unique per announcement.
  await ctx.prisma.delivery.createMany({ data: rows, skipDuplicates: true });
  const pending = await ctx.prisma.delivery.findMany({
    where: { announcementId: a.id, channel: 'slack', status: 'pending' },
    select: { id: true, target: true },
  });
  await ctx.queues.slack.addBulk(
    pending.map((d) => ({
      name: 'slack',
      data: { deliveryId: d.id },
      opts: { ...JOB_OPTIONS.slack, jobId: jobId.slack(a.id, d.target) },
    })),
  );
}
