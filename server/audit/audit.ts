// The append-only audit log: who did what to what, and when. Every write goes through
// `recordAudit` inside the transaction of the change it records, so a change and its record
// commit together or not at all. Nothing here updates or deletes a row.
import type { Db, Prisma } from '../db/client.js';
import type { ActorType } from '../db/generated/enums.js';
import type { AuditAction, AuditPage } from '../wire/index.js';

// The actions are wire words: the web's audit filter lists the same ones.
export { AUDIT_ACTIONS, type AuditAction } from '../wire/index.js';

/** Who acted: a signed-in person, a system through an API key, the identity provider's
 *  SCIM client, or Heraldo itself (scheduled work). */
export interface Actor {
  type: ActorType;
  id: string | null;
  name: string;
}

export const userActor = (user: { id: string; name: string }): Actor => ({ type: 'user', id: user.id, name: user.name });
export const apiKeyActor = (key: { id: string; name: string }): Actor => ({ type: 'apiKey', id: key.id, name: key.name });
export const scimActor = (key: { id: string; name: string }): Actor => ({ type: 'scim', id: key.id, name: key.name });
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'Heraldo' };

export async function recordAudit(
  tx: Db,
  actor: Actor,
  action: AuditAction,
  target: { type: string; id?: string | null },
  details: Prisma.InputJsonObject = {},
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details: wellFormed(details),
    },
  });
}

/** JSON in Postgres refuses a lone UTF-16 surrogate ("\ud800"), which a JavaScript string (a
 *  title someone typed) may hold; text columns store it as U+FFFD. Details do the same, so a
 *  change is never refused for its audit record. */
function wellFormed(details: Prisma.InputJsonObject): Prisma.InputJsonObject {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  return JSON.parse(JSON.stringify(details, (_key, value: unknown) => (typeof value === 'string' ? value.replace(lone, '\uFFFD') : value))) as Prisma.InputJsonObject;
}

export interface AuditQuery {
  limit: number;
  /** An event id: list the ones older than it (the previous page's `nextCursor`). */
  before?: bigint;
  action?: string;
}

/** GET /api/admin/audit: newest first, a page at a time; `nextCursor` is null on the last page. */
export async function listAudit(db: Db, q: AuditQuery): Promise<AuditPage> {
  const rows = await db.auditEvent.findMany({
    where: { ...(q.action ? { action: q.action } : {}), ...(q.before !== undefined ? { id: { lt: q.before } } : {}) },
    orderBy: { id: 'desc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: { type: e.actorType, id: e.actorId, name: e.actorName },
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      details: e.details,
    })),
    nextCursor: rows.length > q.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
