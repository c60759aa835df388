import { Router, type Request } from 'express';
import { audienceDenial, canPublish, isStaff } from '../../../auth/permissions.js';
import { createAnnouncement, cancelScheduled, unknownDepartments } from '../../../announcements/publish.js';
import { canInspect, getAnnouncement, listAnnouncements, listRecipients } from '../../../announcements/queries.js';
import { announcementStats } from '../../../announcements/stats.js';
import type { Context } from '../../../context.js';
import { enqueueFanout, jobId } from '../../../delivery/queues.js';
import { retryFailedDeliveries } from '../../../delivery/retry.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden, notFound } from '../../errors.js';
import { AnnouncementId, CreateAnnouncementBody, RecipientsQuery } from './schema.js';

/** Redis may be down; the announcement is already safe in Postgres and the dispatcher will
 *  enqueue it, so publishing must not hang on the queue. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export function announcementRoutes(ctx: Context): Router {
  const router = Router();

  /** The announcement behind :id, if this user may inspect it (404 otherwise, not 403:
   *  whether an id exists is itself not everyone's business). */
  async function inspectable(req: Request) {
    const user = requireUser(req);
    const id = AnnouncementId.parse(req.params.id);
    const announcement = await getAnnouncement(ctx.prisma, id);
    if (!announcement || !canInspect(user, announcement)) throw notFound('No such announcement');
    return announcement;
  }

  router.post('/api/announcements', async (req, res) => {
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Employees cannot publish announcements');
    const input = CreateAnnouncementBody.parse(req.body);
    if (input.audience.type === 'departments') {
      const unknown = await unknownDepartments(ctx.prisma, input.audience.departmentIds);
      if (unknown.length) {
        throw new HttpError(400, 'validation_failed', 'Some fields are invalid', {
          'audience.departmentIds': `Unknown department(s): ${unknown.join(', ')}`,
        });
      }
    }
    const denial = await audienceDenial(ctx.prisma, user, input.audience);
    if (denial) throw forbidden(denial);

    const created = await ctx.prisma.$transaction((tx) => createAnnouncement(tx, user.id, input));
    ctx.logger.info({ announcementId: created.id, authorId: user.id, status: created.status }, 'announcement created');
    await Promise.race([
      enqueueFanout(ctx.queues, created),
      new Promise((_, reject) => setTimeout(() => reject(new Error('enqueue timed out')), ENQUEUE_TIMEOUT_MS)),
    ]).catch((err: Error) =>
      ctx.logger.warn({ announcementId: created.id, err: err.message }, 'fan-out not enqueued now; the dispatcher will'),
    );
    res.status(201).json({ id: created.id, status: created.status });
  });

  router.get('/api/announcements', async (req, res) => {
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Only staff and managers list announcements');
    res.json(await listAnnouncements(ctx.prisma, user));
  });

  router.get('/api/announcements/:id', async (req, res) => {
    res.json(await inspectable(req));
  });

  router.get('/api/announcements/:id/stats', async (req, res) => {
    const announcement = await inspectable(req);
    res.json(await announcementStats(ctx.prisma, announcement.id));
  });

  router.get('/api/announcements/:id/recipients', async (req, res) => {
    const announcement = await inspectable(req);
    const q = RecipientsQuery.parse(req.query);
    res.json({ items: await listRecipients(ctx.prisma, announcement.id, q.filter, q.limit) });
  });

  router.post('/api/announcements/:id/retry', async (req, res) => {
    const user = requireUser(req);
    if (!isStaff(user)) throw forbidden('Only communicators and admins re-send deliveries');
    const announcement = await inspectable(req);
    res.json({ retried: await retryFailedDeliveries(ctx, announcement.id) });
  });

  router.post('/api/announcements/:id/cancel', async (req, res) => {
    const announcement = await inspectable(req);
    if (!(await cancelScheduled(ctx.prisma, announcement.id))) {
      throw new HttpError(409, 'not_scheduled', 'Only a scheduled announcement can be cancelled');
    }
    await ctx.queues.fanout.remove(jobId.fanout(announcement.id));
    ctx.logger.info({ announcementId: announcement.id }, 'scheduled announcement cancelled');
    res.json({ id: announcement.id, status: 'cancelled' });
  });

  return router;
}
