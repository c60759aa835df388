// Reminders: one email to every recipient who has not confirmed a read-and-confirm
// announcement, automatically `remindAfterHours` after publishing, or now on demand (at most
// one an hour). A round is a set of Delivery rows (kind reminder, round n) written with the
// announcement's new count in one transaction; their jobs are queued after the commit, and the
// dispatcher's sweep queues any left unqueued by a crash (same job ids).
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import { SYSTEM_ACTOR, recordAudit, type Actor } from '../audit/audit.js';
import { queueEmailBatches } from '../delivery/email-batching.js';
import { AnnouncementError } from './errors.js';
import { lockAnnouncement } from './edit.js';

/** On-demand reminders: at most one per announcement in this long. */
export const REMIND_INTERVAL_MS = 3_600_000;
const SWEEP_PAGE = 100;

export interface ReminderRound { round: number; reminded: number }

/** Writes round n: a reminder row for each active recipient who has not confirmed. */
async function writeRound(tx: Db, a: { id: string; reminderRounds: number }, off: string | null): Promise<ReminderRound> {
  const round = a.reminderRounds + 1;
  const reminded = await tx.$executeRaw`
    INSERT INTO "Delivery" (id, "announcementId", "notificationId", channel, target, status, error, kind, round, "updatedAt")
    SELECT gen_random_uuid(), n."announcementId", n.id, 'email', u.email,
      CASE WHEN ${off}::text IS NULL THEN 'pending' ELSE 'skipped' END::"DeliveryStatus", ${off}::text, 'reminder', ${round}, now()
    FROM "Notification" n JOIN "User" u ON u.id = n."userId"
    WHERE n."announcementId" = ${a.id}::uuid AND n."ackAt" IS NULL AND u.active
    ON CONFLICT ("announcementId", channel, target, kind, round) DO NOTHING`;
  await tx.announcement.update({ where: { id: a.id }, data: { reminderRounds: round, lastRemindedAt: new Date(), remindDueAt: null } });
  return { round, reminded: off ? 0 : reminded };
}

/** Queues the email jobs of a round's pending rows, in batches. */
export async function enqueueRound(ctx: Context, announcementId: string, round: number): Promise<void> {
  await queueEmailBatches(ctx, { announcementId, kind: 'reminder', round });
}

const emailOff = (ctx: Context) => (ctx.config.smtpUrl ? null : 'email is off: SMTP_URL is not set');

/**
 * Reminds now everyone who has not confirmed. Throws AnnouncementError: `not_found`,
 * `not_published`, `not_ack_required` (nothing to confirm), `remind_too_soon` (429: within an
 * hour of the last reminder, automatic or not).
 */
export async function remindNow(ctx: Context, actor: Actor, id: string): Promise<ReminderRound> {
  const done = await ctx.prisma.$transaction(async (tx) => {
    const a = await lockAnnouncement(tx, id);
    if (!a) throw new AnnouncementError('not_found', `No announcement ${id}`);
    if (a.status !== 'published') throw new AnnouncementError('not_published', `Only a published announcement can be reminded of; this one is ${a.status}`);
    if (!a.requireAck) throw new AnnouncementError('not_ack_required', 'This announcement asks nobody to confirm: there is nothing to remind of');
    const wait = (a.lastRemindedAt?.getTime() ?? 0) + REMIND_INTERVAL_MS - Date.now();
    if (wait > 0) {
      throw new AnnouncementError('remind_too_soon', `A reminder went out less than an hour ago; try again in ${Math.ceil(wait / 60_000)} min`, Math.ceil(wait / 1000));
    }
    const round = await writeRound(tx, a, emailOff(ctx));
    await recordAudit(tx, actor, 'announcement.remind', { type: 'announcement', id }, { ...round, automatic: false });
    return round;
  });
  await queueAfterCommit(ctx, id, done.round);
  ctx.logger.info({ announcementId: id, actor: actor.name, ...done }, 'reminder sent on demand');
  return done;
}

async function queueAfterCommit(ctx: Context, id: string, round: number): Promise<void> {
  // Redis away: the rows are committed, and the dispatcher's sweep queues them when it is back.
  await enqueueRound(ctx, id, round).catch((err: Error) =>
    ctx.logger.warn({ announcementId: id, round, err: err.message }, 'reminder round not queued now; the dispatcher will'),
  );
}

/**
 * A sweep for the dispatcher: sends the automatic reminders that are due (`remindDueAt` has
 * come), from Postgres, so they survive restarts and Redis losing its data. A retracted
 * announcement has none due. If a reminder went out on demand within the last hour, the
 * automatic one is dropped rather than sent twice in a row. Returns how many rounds it sent.
 */
export async function sweepDueReminders(ctx: Context): Promise<number> {
  const due = await ctx.prisma.announcement.findMany({
    where: { remindDueAt: { lte: new Date() }, status: 'published' },
    select: { id: true },
    orderBy: { remindDueAt: 'asc' },
    take: SWEEP_PAGE,
  });
  let sent = 0;
  for (const { id } of due) {
    const round = await ctx.prisma.$transaction(async (tx) => {
      // Another worker's sweep may have taken it meanwhile: look again under the lock.
      const a = await lockAnnouncement(tx, id);
      if (!a || a.status !== 'published' || !a.remindDueAt || a.remindDueAt.getTime() > Date.now()) return null;
      if (a.lastRemindedAt && a.lastRemindedAt.getTime() > Date.now() - REMIND_INTERVAL_MS) {
        await tx.announcement.update({ where: { id }, data: { remindDueAt: null } });
        return null;
      }
      const r = await writeRound(tx, a, emailOff(ctx));
      await recordAudit(tx, SYSTEM_ACTOR, 'announcement.remind', { type: 'announcement', id }, { ...r, automatic: true });
      return r;
    });
    if (!round) continue;
    await queueAfterCommit(ctx, id, round.round);
    ctx.logger.info({ announcementId: id, ...round }, 'automatic reminder sent');
    sent++;
  }
  return sent;
}

/**
 * A scheduled announcement's reminder counts from its publication, which is its fan-out:
 * called by the fan-out once it is published. Does nothing if it has no reminder, or one
 * was already set or sent.
 */
export async function scheduleReminder(db: Db, a: { id: string; remindAfterHours: number | null; remindDueAt: Date | null; reminderRounds: number; publishedAt: Date | null }): Promise<void> {
  if (!a.remindAfterHours || a.remindDueAt || a.reminderRounds > 0 || !a.publishedAt) return;
  await db.announcement.updateMany({
    where: { id: a.id, status: 'published', remindDueAt: null, reminderRounds: 0 },
    data: { remindDueAt: new Date(a.publishedAt.getTime() + a.remindAfterHours * 3_600_000) },
  });
}
