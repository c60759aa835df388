import { Router } from 'express';
import type { Context } from '../../../context.js';
import { listInbox, readAll, recordReceipt } from '../../../inbox/inbox.js';
import { rooms } from '../../../realtime/events.js';
import { announceUpdate } from '../../../realtime/emitter.js';
import { requireUser } from '../../authenticate.js';
import { notFound } from '../../errors.js';
import { InboxQuery, NotificationId } from './schema.js';

export function inboxRoutes(ctx: Context): Router {
  const router = Router();

  router.get('/api/inbox', async (req, res) => {
    const user = requireUser(req);
    res.json(await listInbox(ctx.prisma, user.id, InboxQuery.parse(req.query)));
  });

  router.post('/api/inbox/read-all', async (req, res) => {
    const user = requireUser(req);
    const result = await readAll(ctx.prisma, user.id);
    ctx.emitter.to(rooms.user(user.id)).emit('inbox:read-all', { readAt: result.readAt.toISOString(), unreadCount: result.unreadCount });
    // Staff watching these announcements see their numbers move (throttled per announcement).
    const authors = await ctx.prisma.announcement.findMany({ where: { id: { in: result.announcementIds.slice(0, 500) } }, select: { id: true, authorId: true } });
    for (const a of authors) announceUpdate(ctx.emitter, a.id, a.authorId);
    res.json({ unreadCount: result.unreadCount });
  });

  for (const kind of ['read', 'ack'] as const) {
    router.post(`/api/inbox/:id/${kind}`, async (req, res) => {
      const user = requireUser(req);
      const id = NotificationId.parse(req.params.id);
      const result = await recordReceipt(ctx.prisma, user.id, id, kind);
      if (!result) throw notFound('No such notification in your inbox');
      const { notification, unreadCount } = result;
      // The user's other tabs update their badge; staff watching the announcement see the numbers move.
      ctx.emitter.to(rooms.user(user.id)).emit('receipt', { id: notification.id, readAt: notification.readAt, ackAt: notification.ackAt, unreadCount });
      const author = await ctx.prisma.announcement.findUnique({ where: { id: notification.announcementId }, select: { authorId: true } });
      if (author) announceUpdate(ctx.emitter, notification.announcementId, author.authorId);
      res.json(result);
    });
  }

  return router;
}
