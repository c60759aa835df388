import { Router, type Request } from 'express';
import { canPublish, isStaff } from '../../../auth/permissions.js';
import { userActor } from '../../../audit/audit.js';
import { cancelScheduled } from '../../../announcements/publish.js';
import { listAnnouncements, listRecipients } from '../../../announcements/queries.js';
import { announcementStats } from '../../../announcements/stats.js';
import type { Context } from '../../../context.js';
import { jobId } from '../../../delivery/queues.js';
import { retryFailedDeliveries } from '../../../delivery/retry.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';
import { publishHandler } from './publish.js';
import { inspectable } from './inspectable.js';
import { AnnouncementListQuery, RecipientsQuery } from './schema.js';

export function announcementRoutes(ctx: Context): Router {
  const router = Router();

  const inspected = async (req: Request) => (await inspectable(ctx.prisma, req)).announcement;

  router.post('/api/announcements', publishHandler(ctx));

  router.get('/api/announcements', async (req, res) => {
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Only staff and managers list announcements');
    // Still a bare array (as before paging): the next page is `before=<last id>`.
    res.json(await listAnnouncements(ctx.prisma, user, AnnouncementListQuery.parse(req.query)));
  });

  router.get('/api/announcements/:id', async (req, res) => {
    res.json(await inspected(req));
  });

  router.get('/api/announcements/:id/stats', async (req, res) => {
    const announcement = await inspected(req);
    res.json(await announcementStats(ctx.prisma, announcement.id));
  });

  router.get('/api/announcements/:id/recipients', async (req, res) => {
    const announcement = await inspected(req);
    const q = RecipientsQuery.parse(req.query);
    res.json(await listRecipients(ctx.prisma, announcement.id, q.filter, q.limit, q.cursor));
  });

  router.post('/api/announcements/:id/retry', async (req, res) => {
    const user = requireUser(req);
    if (!isStaff(user)) throw forbidden('Only communicators and admins re-send deliveries');
    const announcement = await inspected(req);
    res.json({ retried: await retryFailedDeliveries(ctx, announcement.id) });
  });

  router.post('/api/announcements/:id/cancel', async (req, res) => {
    const { user, announcement } = await inspectable(ctx.prisma, req);
    // The status and its audit event commit together.
    if (!(await ctx.prisma.$transaction((tx) => cancelScheduled(tx, userActor(user), announcement.id)))) {
      throw new HttpError(409, 'not_scheduled', 'Only a scheduled announcement can be cancelled');
    }
    await ctx.queues.fanout.remove(jobId.fanout(announcement.id));
    ctx.logger.info({ announcementId: announcement.id }, 'scheduled announcement cancelled');
    res.json({ id: announcement.id, status: 'cancelled' });
  });

  return router;
}
