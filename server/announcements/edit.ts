// Changing an announcement after it went out: edit its text, or retract it. The change and
// its audit record commit together; what follows the commit (live events to every api node,
// Slack posts edited or deleted) is queued or emitted afterwards and is safe to repeat.
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import type { Priority } from '../db/generated/enums.js';
import { markdownToHtml } from '../templates/markdown.js';
import { snippetOf } from '../templates/plaintext.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { forgetView } from '../delivery/announcement-view.js';
import { announceUpdate } from '../realtime/emitter.js';
import { AnnouncementError } from './errors.js';
import { emitToRecipients, queueSlackSync } from './life-effects.js';

export interface AnnouncementPatch {
  title?: string;
  /** Markdown. */
  body?: string;
  priority?: Priority;
  /** null removes the expiry. */
  expiresAt?: Date | null;
}

export interface EditedAnnouncement {
  id: string;
  title: string;
  bodyHtml: string;
  snippet: string;
  priority: Priority;
  expiresAt: Date | null;
  editedAt: Date;
}

/** Locks the announcement's row for the rest of the transaction, so two changes (an edit and
 *  a retraction, two reminders) never interleave; null when there is no such announcement. */
export async function lockAnnouncement(tx: Db, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Announcement" WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.announcement.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, status: true, title: true, priority: true, expiresAt: true, authorId: true, requireAck: true,
      lastRemindedAt: true, reminderRounds: true, remindDueAt: true, publishedAt: true,
    },
  });
}

function refuseUnlessPublished(a: { status: string } | null, id: string, verb: string): asserts a is NonNullable<typeof a> {
  if (!a) throw new AnnouncementError('not_found', `No announcement ${id}`);
  if (a.status !== 'published') {
    throw new AnnouncementError('not_published', `Only a published announcement can be ${verb}; this one is ${a.status}`);
  }
}

/** Redis may be away: the change is committed and stands (inboxes read Postgres), so the
 *  caller is not failed for its live events or Slack jobs; they are logged as not done. */
const EFFECTS_TIMEOUT_MS = 5_000;

async function afterCommit(ctx: Context, id: string, what: string, effects: () => Promise<void>): Promise<void> {
  forgetView(id);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), EFFECTS_TIMEOUT_MS);
  });
  try {
    await Promise.race([effects(), timeout]);
  } catch (err) {
    ctx.logger.warn({ announcementId: id, err: (err as Error).message }, `${what} committed; its live events or Slack sync were not all sent`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Edits a published announcement: every inbox shows the new text and `editedAt`, connected
 * recipients get `notification:updated`, its Slack posts are updated in place; no email is
 * sent again. Throws AnnouncementError `not_found`, or `not_published` (scheduled, cancelled,
 * retracted) without changing anything.
 */
export async function editAnnouncement(ctx: Context, actor: Actor, id: string, patch: AnnouncementPatch): Promise<EditedAnnouncement> {
  const edited = await ctx.prisma.$transaction(async (tx) => {
    const before = await lockAnnouncement(tx, id);
    refuseUnlessPublished(before, id, 'edited');
    const editedAt = new Date();
    const updated = await tx.announcement.update({
      where: { id },
      data: {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body, bodyHtml: markdownToHtml(patch.body), snippet: snippetOf(patch.body) } : {}),
        ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
        ...(patch.expiresAt !== undefined ? { expiresAt: patch.expiresAt } : {}),
        editedAt,
      },
      select: { id: true, title: true, bodyHtml: true, snippet: true, priority: true, expiresAt: true, editedAt: true, authorId: true },
    });
    const fields = (['title', 'body', 'priority', 'expiresAt'] as const).filter((f) => patch[f] !== undefined);
    await recordAudit(tx, actor, 'announcement.edit', { type: 'announcement', id }, {
      fields,
      before: { title: before.title, priority: before.priority, expiresAt: before.expiresAt?.toISOString() ?? null },
    });
    return { ...updated, editedAt };
  });

  const { authorId, ...result } = edited;
  await afterCommit(ctx, id, 'edit', async () => {
    await emitToRecipients(ctx, id, {
      event: 'notification:updated',
      payload: { announcementId: id, title: result.title, bodyHtml: result.bodyHtml, snippet: result.snippet, priority: result.priority, editedAt: result.editedAt.toISOString() },
    });
    await queueSlackSync(ctx, id, 'update', result.editedAt.getTime());
    announceUpdate(ctx.emitter, id, authorId);
  });
  ctx.logger.info({ announcementId: id, actor: actor.name }, 'announcement edited');
  return result;
}

/**
 * Retracts a published announcement: it leaves every inbox (connected recipients get
 * `notification:removed`), its Slack posts are deleted, and its emails not sent yet (held
 * ones and reminders included) become `skipped` with the reason `retracted`; a reminder
 * still due is dropped. Staff keep seeing it, with status `retracted`.
 */
export async function retractAnnouncement(ctx: Context, actor: Actor, id: string): Promise<{ id: string; status: 'retracted'; retractedAt: Date }> {
  const { retractedAt, authorId, skipped } = await ctx.prisma.$transaction(async (tx) => {
    const before = await lockAnnouncement(tx, id);
    refuseUnlessPublished(before, id, 'retracted');
    const at = new Date();
    await tx.announcement.update({
      where: { id },
      data: { status: 'retracted', retractedAt: at, remindDueAt: null, fanoutPending: false },
    });
    // Slack posts not made yet are not made; those made are deleted after the commit.
    const { count } = await tx.delivery.updateMany({
      where: { announcementId: id, status: 'pending', channel: { in: ['email', 'slack'] } },
      data: { status: 'skipped', error: 'retracted' },
    });
    await recordAudit(tx, actor, 'announcement.retract', { type: 'announcement', id }, { title: before.title, sendsSkipped: count });
    return { retractedAt: at, authorId: before.authorId, skipped: count };
  });

  await afterCommit(ctx, id, 'retract', async () => {
    await emitToRecipients(ctx, id, { event: 'notification:removed', payload: { announcementId: id } });
    await queueSlackSync(ctx, id, 'delete');
    announceUpdate(ctx.emitter, id, authorId);
  });
  ctx.logger.info({ announcementId: id, actor: actor.name, sendsSkipped: skipped }, 'announcement retracted');
  return { id, status: 'retracted', retractedAt };
}
