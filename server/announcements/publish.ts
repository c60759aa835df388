// Writing announcements. Plain functions that take a transaction: the caller decides its bounds.
import type { Db } from '../db/client.js';
import { markdownToHtml } from '../templates/markdown.js';
import { snippetOf } from '../templates/plaintext.js';
import type { Channel, Priority } from '../db/generated/enums.js';
import type { Audience } from '../auth/permissions.js';
import { apiKeyActor, recordAudit, userActor, type Actor } from '../audit/audit.js';

/** Who publishes: a signed-in person, or another system through an API key. */
export type Publisher = { type: 'user' | 'apiKey'; id: string; name: string };

export interface NewAnnouncement {
  title: string;
  body: string;
  audience: Audience;
  channels: Channel[];
  priority: Priority;
  requireAck: boolean;
  scheduledAt?: Date | null;
  expiresAt?: Date | null;
  /** With requireAck: remind those who have not confirmed this many hours after publishing. */
  remindAfterHours?: number | null;
}

/** Department ids in `ids` that do not exist. */
export async function unknownDepartments(db: Db, ids: string[]): Promise<string[]> {
  const found = await db.department.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const known = new Set(found.map((d) => d.id));
  return ids.filter((id) => !known.has(id));
}

/**
 * Stores the announcement together with its "to fan out" mark (`fanoutPending`, set by
 * default) and its `announcement.publish` audit record. Run it in a transaction; enqueue
 * the fan-out after the commit.
 */
export async function createAnnouncement(tx: Db, publisher: Publisher, input: NewAnnouncement) {
  const now = new Date();
  const scheduled = !!input.scheduledAt && input.scheduledAt.getTime() > now.getTime();
  const departmentIds = input.audience.type === 'departments' ? [...new Set(input.audience.departmentIds)] : [];
  const created = await tx.announcement.create({
    data: {
      title: input.title,
      body: input.body,
      bodyHtml: markdownToHtml(input.body),
      snippet: snippetOf(input.body),
      audienceType: input.audience.type,
      channels: input.channels,
      priority: input.priority,
      requireAck: input.requireAck,
      scheduledAt: scheduled ? input.scheduledAt : null,
      expiresAt: input.expiresAt ?? null,
      status: scheduled ? 'scheduled' : 'published',
      publishedAt: scheduled ? null : now,
      // A scheduled one's reminder is due from its publication: set when it fans out.
      remindAfterHours: input.remindAfterHours ?? null,
      remindDueAt: input.remindAfterHours && !scheduled ? new Date(now.getTime() + input.remindAfterHours * 3_600_000) : null,
      authorId: publisher.type === 'user' ? publisher.id : null,
      apiKeyId: publisher.type === 'apiKey' ? publisher.id : null,
      departments: { create: departmentIds.map((departmentId) => ({ departmentId })) },
    },
    select: { id: true, status: true, scheduledAt: true },
  });
  const actor = publisher.type === 'user' ? userActor(publisher) : apiKeyActor(publisher);
  await recordAudit(tx, actor, 'announcement.publish', { type: 'announcement', id: created.id }, {
    title: input.title,
    audience: input.audience.type === 'all' ? { type: 'all' } : { type: 'departments', departmentIds },
    channels: input.channels,
    priority: input.priority,
    status: created.status,
  });
  return created;
}

/** Cancels a scheduled announcement, with its audit event; false when it is no longer scheduled. */
export async function cancelScheduled(tx: Db, actor: Actor, id: string): Promise<boolean> {
  const cancelled = await tx.announcement.updateManyAndReturn({
    where: { id, status: 'scheduled' },
    data: { status: 'cancelled', fanoutPending: false },
    select: { title: true, scheduledAt: true },
  });
  const [a] = cancelled;
  if (!a) return false;
  await recordAudit(tx, actor, 'announcement.cancel', { type: 'announcement', id }, { title: a.title, scheduledAt: a.scheduledAt?.toISOString() ?? null });
  return true;
}
