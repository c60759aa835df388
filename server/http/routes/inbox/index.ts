import { Router } from 'express';
import type { Context } from '../../../context.js';
import { listInbox, recordReceipt } from '../../../inbox/inbox.js';
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
