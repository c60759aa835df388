// Which email each recipient of an announcement gets, and when, from their choices:
//   urgent or read-and-confirm → everyone, at once (mandatory);
//   `none`, or `important` for a normal one → skipped, reason `preference`;
//   `digest` for a normal one → held for the person's next 08:00, sent in their digest;
//   otherwise at once, or at the end of the person's quiet hours if it is inside them.
// Held rows stay `pending` with a `dueAt`; the dispatcher's sweeps send them when due.
import type { Db } from '../db/client.js';
import { heldUntil } from './time.js';

export const PREFERENCE_SKIP = 'preference';
const UPDATE_PAGE = 5_000;

export interface EmailPlanInput {
  id: string;
  priority: 'normal' | 'high' | 'urgent';
  requireAck: boolean;
}

/** Urgent and read-and-confirm announcements reach everyone by email at once. */
export const isMandatory = (a: Pick<EmailPlanInput, 'priority' | 'requireAck'>) => a.priority === 'urgent' || a.requireAck;

/**
 * Creates the announcement's email Delivery rows (idempotent) and gives the held ones their
 * time. Run it in one transaction: a row is never seen pending without its `dueAt`, which
 * would make it due at once. `off` is the reason when email is off.
 */
export async function planEmails(tx: Db, a: EmailPlanInput, off: string | null, now = new Date()): Promise<void> {
  const mandatory = isMandatory(a);
  const normal = a.priority === 'normal';
  await tx.$executeRaw`
    INSERT INTO "Delivery" (id, "announcementId", "notificationId", channel, target, status, error, digest, "updatedAt")
    SELECT gen_random_uuid(), n."announcementId", n.id, 'email', u.email, p.status::"DeliveryStatus", p.error, p.digest, now()
    FROM "Notification" n JOIN "User" u ON u.id = n."userId"
    CROSS JOIN LATERAL (SELECT
      CASE WHEN ${off}::text IS NOT NULL THEN 'skipped'
           WHEN ${mandatory}::boolean THEN 'pending'
           WHEN u."emailPreference" = 'none' OR (u."emailPreference" = 'important' AND ${normal}::boolean) THEN 'skipped'
           ELSE 'pending' END AS status,
      CASE WHEN ${off}::text IS NOT NULL THEN ${off}::text
           WHEN ${mandatory}::boolean THEN NULL
           WHEN u."emailPreference" = 'none' OR (u."emailPreference" = 'important' AND ${normal}::boolean) THEN ${PREFERENCE_SKIP}
           ELSE NULL END AS error,
      (${off}::text IS NULL AND NOT ${mandatory}::boolean AND ${normal}::boolean AND u."emailPreference" = 'digest') AS digest
    ) p
    WHERE n."announcementId" = ${a.id}::uuid
    ON CONFLICT ("announcementId", channel, target, kind, round) DO NOTHING`;
  if (off || mandatory) return;

  // Rows that may be held: digest ones, and those of people with quiet hours. Not yet given a
  // time (a re-run of the fan-out finds them done).
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await tx.$queryRaw<{ id: string; digest: boolean; timezone: string; quietHoursStart: string | null; quietHoursEnd: string | null }[]>`
      SELECT d.id, d.digest, u.timezone, u."quietHoursStart", u."quietHoursEnd"
      FROM "Delivery" d JOIN "Notification" n ON n.id = d."notificationId" JOIN "User" u ON u.id = n."userId"
      WHERE d."announcementId" = ${a.id}::uuid AND d.channel = 'email' AND d.kind = 'announcement' AND d.status = 'pending'
        AND d."dueAt" IS NULL AND (d.digest OR u."quietHoursStart" IS NOT NULL) AND d.id > ${after}::uuid
      ORDER BY d.id LIMIT ${UPDATE_PAGE}`;
    if (page.length === 0) return;
    const ids: string[] = [];
    const dues: string[] = [];
    for (const row of page) {
      const due = heldUntil(now, row, row.digest);
      if (!due) continue;
      ids.push(row.id);
      dues.push(due.toISOString().replace('Z', '')); // the column holds UTC without a zone
    }
    if (ids.length) {
      await tx.$executeRaw`
        UPDATE "Delivery" d SET "dueAt" = v.due, "updatedAt" = now()
        FROM (SELECT unnest(${ids}::uuid[]) AS id, unnest(${dues}::timestamp[]) AS due) v
        WHERE d.id = v.id`;
    }
    after = page[page.length - 1]!.id;
    if (page.length < UPDATE_PAGE) return;
  }
}
