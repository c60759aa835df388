// An announcement's life after publication: edit, retract, remind, export its recipients.
// Its author and staff may; anyone else gets 404, as for inspecting it.
import { Router, type Response } from 'express';
import { userActor } from '../../../audit/audit.js';
import { editAnnouncement, retractAnnouncement } from '../../../announcements/edit.js';
import { AnnouncementError } from '../../../announcements/errors.js';
import { writeRecipientsCsv } from '../../../announcements/export.js';
import { getAnnouncement } from '../../../announcements/queries.js';
import { remindNow } from '../../../announcements/remind.js';
import type { Context } from '../../../context.js';
import { HttpError } from '../../errors.js';
import { EditAnnouncementBody } from './life-schema.js';
import { inspectable } from './inspectable.js';

/** The concern's refusal as an HTTP answer (429 carries Retry-After). */
async function answer<T>(res: Response, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AnnouncementError)) throw err;
    if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    throw new HttpError(err.status, err.code, err.message);
  }
}

export function announcementLifeRoutes(ctx: Context): Router {
  const router = Router();


  router.patch('/api/announcements/:id', async (req, res) => {
    const { user, announcement } = await inspectable(ctx.prisma, req);
    const patch = EditAnnouncementBody.parse(req.body);
    await answer(res, () => editAnnouncement(ctx, userActor(user), announcement.id, patch));
    res.json(await getAnnouncement(ctx.prisma, announcement.id));
  });

  router.post('/api/announcements/:id/retract', async (req, res) => {
    const { user, announcement } = await inspectable(ctx.prisma, req);
    const retracted = await answer(res, () => retractAnnouncement(ctx, userActor(user), announcement.id));
    res.json(retracted);
  });

  router.post('/api/announcements/:id/remind', async (req, res) => {
    const { user, announcement } = await inspectable(ctx.prisma, req);
    const { reminded } = await answer(res, () => remindNow(ctx, userActor(user), announcement.id));
    res.status(202).json({ reminded });
  });

  router.get('/api/announcements/:id/recipients.csv', async (req, res) => {
    const { announcement } = await inspectable(ctx.prisma, req);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="recipients-${announcement.id}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const rows = await writeRecipientsCsv(ctx.prisma, announcement.id, res);
      ctx.logger.info({ announcementId: announcement.id, rows }, 'recipients exported');
    } catch (err) {
      // The header is gone already: cut the answer short, so the client sees a broken
      // download, not a file that looks complete.
      ctx.logger.error({ err, announcementId: announcement.id }, 'recipients export failed');
      res.destroy(err as Error);
    }
  });

  return router;
}
