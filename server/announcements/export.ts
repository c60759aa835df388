// recipients.csv: one row per recipient of an announcement, streamed a page at a time so that
// 100,000 recipients take neither the memory of 100,000 rows nor one long query. Each page is
// keyed on the person's id, walking the unique index (announcementId, userId) in its order (a
// cursor, not an offset: every page is one index range); a slow reader slows the reads down
// (backpressure), and a reader that goes away stops them.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../db/client.js';

export const CSV_COLUMNS = ['name', 'email', 'departments', 'read_at', 'ack_at', 'email_status'] as const;
const PAGE = 5_000;

interface Row { userId: string; name: string; email: string; departments: string | null; readAt: Date | null; ackAt: Date | null; emailStatus: string | null }

function page(db: Db, announcementId: string, after: string): Promise<Row[]> {
  // The page's notifications first (so the joins touch 5,000 rows, not all the remaining
  // ones), then their people's departments in one grouped read, and each email delivery by its
  // unique key (announcement, channel, target, kind, round). Departments are the person's
  // current ones, ";"-separated slugs as in the people import.
  return db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT "userId", "readAt", "ackAt" FROM "Notification"
      WHERE "announcementId" = ${announcementId}::uuid AND "userId" > ${after}::uuid
      ORDER BY "userId" LIMIT ${PAGE}
    ), deps AS (
      SELECT m."userId", string_agg(d.slug, ';' ORDER BY d.slug) AS slugs
      FROM "Membership" m JOIN "Department" d ON d.id = m."departmentId"
      WHERE m."userId" IN (SELECT "userId" FROM page)
      GROUP BY m."userId"
    )
    SELECT n."userId", u.name, u.email, n."readAt", n."ackAt", deps.slugs AS departments, del.status::text AS "emailStatus"
    FROM page n
    JOIN "User" u ON u.id = n."userId"
    LEFT JOIN deps ON deps."userId" = n."userId"
    LEFT JOIN "Delivery" del ON del."announcementId" = ${announcementId}::uuid AND del.channel = 'email'
      AND del.target = u.email AND del.kind = 'announcement' AND del.round = 0
    ORDER BY n."userId"`;
}

/**
 * Writes the CSV (header first) to `out` and ends it. Cells are quoted and escaped by
 * csv-stringify; cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed
 * with a quote. Returns the number of rows, or null if `out` closed before the end.
 */
export async function writeRecipientsCsv(db: Db, announcementId: string, out: Writable): Promise<number | null> {
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], escape_formulas: true, cast: { date: (d) => d.toISOString() } });
  csv.pipe(out);
  let closed = false;
  const gone = once(out, 'close').then(
    () => (closed = true),
    () => (closed = true), // an 'error' on the way out ends it too
  );
  let after = '00000000-0000-0000-0000-000000000000';
  let rows = 0;
  for (;;) {
    const batch = await page(db, announcementId, after);
    for (const r of batch) {
      if (closed) return (csv.destroy(), null);
      const ok = csv.write({
        name: r.name,
        email: r.email,
        departments: r.departments ?? '',
        read_at: r.readAt ?? '',
        ack_at: r.ackAt ?? '',
        email_status: r.emailStatus ?? '',
      });
      rows++;
      if (!ok) await Promise.race([once(csv, 'drain'), gone]);
    }
    if (batch.length < PAGE) break;
    after = batch[batch.length - 1]!.userId;
  }
  if (closed) return null;
  csv.end();
  await once(csv, 'end').catch(() => {});
  return rows;
}
