// Slack posts brought in line with their announcement even when the job that should have
// done it is gone. An edit or a retraction queues its `slack-sync` jobs after its commit; if
// Redis is away at that moment, or loses them later, Postgres still says what each post
// should show: a published announcement edited after the post's `syncedAt` wants an update,
// a retracted one wants its post deleted (slack-sync.ts writes down each one done for good).
// This sweep reads that and queues what Redis does not hold, under the same job ids.
import type { Context } from '../context.js';
import { GRACE_MS, requeueMissing, type JobSpec } from './recovery.js';
import { jobId } from './queues.js';
import { POST_ENDED } from './slack-sync.js';

/** Posts read per pass. */
const PAGE = 500;
/** Changes older than this are left alone: Slack's own edit window, and a bound on the scan. */
const HORIZON_DAYS = 7;
const FIRST = '00000000-0000-0000-0000-000000000000';

interface Behind {
  id: string;
  action: 'update' | 'delete';
  editedAt: Date | null;
}

export function slackSyncSweep(graceMs = GRACE_MS) {
  let after = FIRST;
  return async function sweepSlackSync(ctx: Context): Promise<number> {
    const readAt = Date.now();
    const settled = new Date(readAt - graceMs);
    // Driven by the few announcements changed lately; each one's posts by its Delivery index.
    const rows = await ctx.prisma.$queryRaw<Behind[]>`
      SELECT d.id::text AS id, CASE WHEN a.status = 'retracted' THEN 'delete' ELSE 'update' END AS action, a."editedAt"
      FROM "Announcement" a
      JOIN "Delivery" d ON d."announcementId" = a.id AND d.channel = 'slack' AND d."providerId" IS NOT NULL
      WHERE d.id > ${after}::uuid AND (
        (a.status = 'published' AND a."editedAt" < ${settled} AND a."editedAt" > now() - make_interval(days => ${HORIZON_DAYS})
          AND a."editedAt" > COALESCE(d."syncedAt", d."updatedAt"))
        OR (a.status = 'retracted' AND a."retractedAt" < ${settled} AND a."retractedAt" > now() - make_interval(days => ${HORIZON_DAYS})
          AND (d.error IS NULL OR d.error NOT LIKE ${`${POST_ENDED}%`})))
      ORDER BY d.id LIMIT ${PAGE}`;
    after = rows.length === PAGE ? rows[rows.length - 1]!.id : FIRST;
    const jobs: JobSpec[] = rows.map((r) => {
      const version = r.action === 'update' ? r.editedAt!.getTime() : undefined;
      return { queue: 'slack-sync', id: jobId.slackSync(r.id, r.action, version), data: { deliveryId: r.id, action: r.action, version } };
    });
    return requeueMissing(ctx, jobs, readAt - graceMs);
  };
}
