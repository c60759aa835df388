// The daily digest: one email per person at their 08:00 with every normal announcement held
// for it since the last one (Delivery rows with `digest` set, `pending`, due). A sweep finds
// due digests in Postgres and queues one job per person; the job sends one email and marks
// all its rows sent together, so a re-run, a second worker or a restart never sends twice
// (at worst a send whose record was lost is repeated, with the same Message-ID).
import { UnrecoverableError, type Job } from 'bullmq';
import type { Transporter } from 'nodemailer';
import type { Context } from '../context.js';
import type { Templates } from '../templates/index.js';
import type { DigestView } from '../templates/types.js';
import { toAnnouncementView, viewInclude } from './announcement-view.js';
import { JOB_OPTIONS, jobId, requeue, type DigestJob } from './queues.js';

const SWEEP_PAGE = 1_000;
/** Rows touched this recently may be in the hands of a running job. */
const GRACE_MS = 5_000;

/** Where a digest is due: the latest due time of the rows it gathers, per person. */
export async function sweepDueDigests(ctx: Context, graceMs = GRACE_MS): Promise<number> {
  const now = new Date();
  const due = await ctx.prisma.$queryRaw<{ userId: string; dueAt: Date }[]>`
    SELECT n."userId", max(d."dueAt") AS "dueAt"
    FROM "Delivery" d JOIN "Notification" n ON n.id = d."notificationId"
    WHERE d.status = 'pending' AND d.digest AND d."dueAt" <= ${now} AND d."updatedAt" < ${new Date(now.getTime() - graceMs)}
    GROUP BY n."userId" LIMIT ${SWEEP_PAGE}`;
  for (const { userId, dueAt } of due) {
    const data: DigestJob = { userId, dueAt: dueAt.getTime() };
    const id = jobId.digest(userId, data.dueAt);
    // A finished job under this id whose rows are still pending lost its write: run it again
    // (it sends only rows still pending, under the same Message-ID).
    await requeue(ctx.queues.digest, id, () => ctx.queues.digest.add('digest', data, { ...JOB_OPTIONS.digest, jobId: id }));
  }
  return due.length;
}

/** SMTP 5xx (mailbox unknown, rejected) will fail again. */
const permanent = (err: unknown) => {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

export function digestHandler(ctx: Context, templates: Templates, mailer: Transporter) {
  const host = new URL(ctx.config.publicUrl).hostname || 'heraldo';
  return async (job: Job<DigestJob>): Promise<string> => {
    const { userId, dueAt } = job.data;
    const rows = await ctx.prisma.delivery.findMany({
      where: { channel: 'email', digest: true, status: 'pending', dueAt: { lte: new Date(dueAt) }, notification: { userId } },
      select: { id: true, announcementId: true, notificationId: true },
      orderBy: { notificationId: 'asc' },
    });
    if (rows.length === 0) return 'nothing pending';
    const user = await ctx.prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true, locale: true, timezone: true, active: true } });
    const announcements = new Map(
      (await ctx.prisma.announcement.findMany({ where: { id: { in: rows.map((r) => r.announcementId) } }, include: viewInclude })).map((a) => [a.id, a]),
    );
    // Retracted (or expired) since they were held: not in the digest.
    const now = Date.now();
    const live = rows.filter((r) => {
      const a = announcements.get(r.announcementId);
      return a && a.status === 'published' && (!a.expiresAt || a.expiresAt.getTime() > now);
    });
    const dropped = rows.filter((r) => !live.includes(r)).map((r) => r.id);
    if (dropped.length) {
      await ctx.prisma.delivery.updateMany({ where: { id: { in: dropped }, status: 'pending' }, data: { status: 'skipped', error: 'retracted or expired before the digest' } });
    }
    if (!user?.active) {
      await ctx.prisma.delivery.updateMany({ where: { id: { in: live.map((r) => r.id) }, status: 'pending' }, data: { status: 'skipped', error: 'deactivated' } });
      return 'person deactivated';
    }
    if (live.length === 0) return 'nothing left to send';

    const view: DigestView = {
      items: live.map((r) => ({
        announcement: toAnnouncementView(announcements.get(r.announcementId)!),
        url: new URL(`/inbox/${r.notificationId}`, ctx.config.publicUrl).toString(),
      })),
    };
    const mail = templates.digest(view, user, { inboxUrl: new URL('/inbox', ctx.config.publicUrl).toString() });
    const ids = live.map((r) => r.id);
    try {
      const info = await mailer.sendMail({
        from: ctx.config.mailFrom,
        to: { name: user.name, address: user.email },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: `<digest-${userId}-${dueAt}@${host}>`,
        headers: { 'X-Heraldo-Digest': String(live.length) },
      });
      await ctx.prisma.delivery.updateMany({
        where: { id: { in: ids }, status: 'pending' },
        data: { status: 'sent', providerId: info.messageId, error: null, attempts: { increment: 1 } },
      });
      ctx.metrics.notificationsDelivered.inc({ channel: 'email' }, ids.length);
      return `sent ${ids.length}`;
    } catch (err) {
      const message = (err as Error).message;
      const final = permanent(err) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await ctx.prisma.delivery.updateMany({
        where: { id: { in: ids }, status: 'pending' },
        data: { attempts: { increment: 1 }, error: message, ...(final ? { status: 'failed' } : {}) },
      });
      if (final) throw new UnrecoverableError(message);
      throw err;
    }
  };
}
