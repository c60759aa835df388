// Prometheus Alertmanager's webhook (version 4) as announcements: one announcement per alert
// group while it fires, published by the API key Alertmanager posts with. Alertmanager
// re-sends a firing group every `repeat_interval` and retries failed posts: those find the
// group's announcement and send nothing again. When the group resolves, the same
// announcement is edited ("Resolved: …"), which updates inboxes and Slack posts in place.
import { apiKeyActor } from '../audit/audit.js';
import { AnnouncementError } from '../announcements/errors.js';
import { editAnnouncement } from '../announcements/edit.js';
import { enqueueFanoutSoon } from '../announcements/enqueue.js';
import { createAnnouncement, type NewAnnouncement } from '../announcements/publish.js';
import type { Context } from '../context.js';
import type { Channel, Priority } from '../db/generated/enums.js';
import type { ApiKeyPrincipal } from './api-keys.js';
import { isUniqueViolation } from '../db/errors.js';

/** What Heraldo reads of a webhook (the route validates the whole body). */
export interface AlertmanagerAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
}
export interface AlertmanagerWebhook {
  groupKey: string;
  status: 'firing' | 'resolved';
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  alerts: AlertmanagerAlert[];
  truncatedAlerts?: number;
}

export interface AlertTarget {
  audience: NewAnnouncement['audience'];
  channels: Channel[];
}

export const DEFAULT_ALERT_CHANNELS: Channel[] = ['in_app', 'slack'];
/** A long alert group is listed up to this many alerts; the rest are counted. */
const MAX_LISTED_ALERTS = 50;
const MAX_TITLE = 200;
const RESOLVED_PREFIX = 'Resolved: ';

export function priorityOf(severity: string | undefined): Priority {
  const s = severity?.toLowerCase();
  return s === 'critical' ? 'urgent' : s === 'warning' ? 'high' : 'normal';
}

export function alertTitle(hook: AlertmanagerWebhook): string {
  const title = hook.commonAnnotations.summary?.trim() || hook.commonLabels.alertname?.trim() || 'Alert';
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/** Label values and annotations are whatever the alert rules say: shown as text, never as
 *  Markdown that could add links, images or headings. */
const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

export function alertBody(hook: AlertmanagerWebhook): string {
  const resolved = hook.status === 'resolved';
  const total = hook.alerts.length + (hook.truncatedAlerts ?? 0);
  const lines = [resolved ? `**Resolved** (${total} alert${total === 1 ? '' : 's'})` : `**Firing**: ${total} alert${total === 1 ? '' : 's'}`, ''];
  for (const alert of hook.alerts.slice(0, MAX_LISTED_ALERTS)) {
    const name = alert.labels.alertname ?? 'Alert';
    lines.push(`### ${escapeMarkdown(name)}${resolved || alert.status === 'resolved' ? ' (resolved)' : ''}`, '');
    const labels = Object.entries(alert.labels)
      .filter(([k]) => k !== 'alertname')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${escapeMarkdown(k)}\\=${escapeMarkdown(v)}`);
    if (labels.length) lines.push(`- Labels: ${labels.join(', ')}`);
    const description = alert.annotations.description?.trim();
    if (description) lines.push(`- Description: ${escapeMarkdown(description)}`);
    lines.push(`- Started: ${escapeMarkdown(alert.startsAt)}`);
    if (alert.status === 'resolved' && alert.endsAt && !alert.endsAt.startsWith('0001-')) lines.push(`- Ended: ${escapeMarkdown(alert.endsAt)}`);
    lines.push('');
  }
  const unlisted = total - Math.min(hook.alerts.length, MAX_LISTED_ALERTS);
  if (unlisted > 0) lines.push(`…and ${unlisted} more alert${unlisted === 1 ? '' : 's'}.`);
  return lines.join('\n').trim();
}

export interface AlertOutcome {
  /** The group's announcement; null for a "resolved" of a group never seen firing. */
  announcementId: string | null;
  /** What happened: created, already firing (nothing sent), resolved (edited), or nothing. */
  action: 'created' | 'firing' | 'resolved' | 'none';
}

const firingGroup = (ctx: Context, apiKeyId: string, groupKey: string) =>
  ctx.prisma.alertGroup.findFirst({ where: { apiKeyId, groupKey, resolvedAt: null }, select: { id: true, announcementId: true } });

/** Turns one webhook call into its announcement (or finds the one it already has). */
export async function receiveAlerts(ctx: Context, key: ApiKeyPrincipal, hook: AlertmanagerWebhook, target: AlertTarget): Promise<AlertOutcome> {
  return hook.status === 'firing' ? fire(ctx, key, hook, target) : resolve(ctx, key, hook);
}

async function fire(ctx: Context, key: ApiKeyPrincipal, hook: AlertmanagerWebhook, target: AlertTarget): Promise<AlertOutcome> {
  const existing = await firingGroup(ctx, key.id, hook.groupKey);
  if (existing) return { announcementId: existing.announcementId, action: 'firing' };
  const input: NewAnnouncement = {
    title: alertTitle(hook),
    body: alertBody(hook),
    audience: target.audience,
    channels: target.channels,
    priority: priorityOf(hook.commonLabels.severity),
    requireAck: false,
  };
  try {
    // The announcement and its group commit together. Two deliveries of the same group at
    // once (Alertmanager in a cluster, a retry) both get here: the partial unique index
    // "AlertGroup_firing_key" lets one commit; the other rolls back, announcement and all.
    const created = await ctx.prisma.$transaction(async (tx) => {
      const a = await createAnnouncement(tx, { type: 'apiKey', id: key.id, name: key.name }, input);
      await tx.alertGroup.create({ data: { apiKeyId: key.id, groupKey: hook.groupKey, announcementId: a.id } });
      return a;
    });
    ctx.logger.info({ announcementId: created.id, apiKeyId: key.id }, 'alert group announced');
    await enqueueFanoutSoon(ctx, created);
    return { announcementId: created.id, action: 'created' };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await firingGroup(ctx, key.id, hook.groupKey);
    if (!winner) throw err;
    return { announcementId: winner.announcementId, action: 'firing' };
  }
}

async function resolve(ctx: Context, key: ApiKeyPrincipal, hook: AlertmanagerWebhook): Promise<AlertOutcome> {
  // The group's row stays locked while its announcement is edited, so two "resolved"
  // deliveries at once edit it once. The edit commits in its own transaction (it then
  // updates inboxes and Slack); should marking the group fail after it, Alertmanager's
  // retry finds the group still firing and repeats the same edit, which changes nothing.
  const outcome = await ctx.prisma.$transaction(
    async (tx): Promise<AlertOutcome | null> => {
      const [group] = await tx.$queryRaw<{ id: string; announcementId: string }[]>`
        SELECT id, "announcementId" FROM "AlertGroup"
        WHERE "apiKeyId" = ${key.id}::uuid AND "groupKey" = ${hook.groupKey} AND "resolvedAt" IS NULL
        FOR UPDATE`;
      if (!group) return null;
      const title = `${RESOLVED_PREFIX}${alertTitle(hook)}`.slice(0, MAX_TITLE);
      try {
        await editAnnouncement(ctx, apiKeyActor(key), group.announcementId, { title, body: alertBody(hook) });
      } catch (err) {
        // Retracted (or otherwise no longer published) by a person: nothing to edit; the group ends all the same.
        if (!(err instanceof AnnouncementError)) throw err;
        ctx.logger.info({ announcementId: group.announcementId, reason: err.code }, 'resolved alert group: announcement not edited');
      }
      await tx.alertGroup.update({ where: { id: group.id }, data: { resolvedAt: new Date() } });
      return { announcementId: group.announcementId, action: 'resolved' };
    },
    { timeout: 20_000 },
  );
  if (outcome) return outcome;
  // Resolved already (Alertmanager repeats itself), or never seen firing.
  const last = await ctx.prisma.alertGroup.findFirst({
    where: { apiKeyId: key.id, groupKey: hook.groupKey },
    orderBy: { createdAt: 'desc' },
    select: { announcementId: true },
  });
  return { announcementId: last?.announcementId ?? null, action: 'none' };
}
