// The composer's drafts: only people who may publish have any, and each sees only their own
// (another person's draft id answers 404, as if it did not exist).
import { Router, type Request } from 'express';
import { canPublish } from '../../../auth/permissions.js';
import type { SessionUser } from '../../../auth/sessions.js';
import type { Context } from '../../../context.js';
import { DraftLimitError, MAX_DRAFTS, deleteDraft, listDrafts, saveDraft } from '../../../drafts/drafts.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden, notFound } from '../../errors.js';
import { DraftBody, DraftId } from './schema.js';

function author(req: Request): SessionUser {
  const user = requireUser(req);
  if (!canPublish(user)) throw forbidden('Only people who can publish keep drafts');
  return user;
}

export function draftRoutes(ctx: Context): Router {
  const router = Router();

  router.get('/api/drafts', async (req, res) => {
    res.json({ items: await listDrafts(ctx.prisma, author(req).id) });
  });

  router.put('/api/drafts/:id', async (req, res) => {
    const user = author(req);
    const id = DraftId.parse(req.params.id);
    const input = DraftBody.parse(req.body);
    try {
      const saved = await saveDraft(ctx.prisma, user.id, id, input);
      if (!saved) throw notFound('No such draft');
      res.json(saved);
    } catch (err) {
      if (err instanceof DraftLimitError) throw new HttpError(409, 'too_many_drafts', `At most ${MAX_DRAFTS} drafts: delete some first`);
      throw err;
    }
  });

  router.delete('/api/drafts/:id', async (req, res) => {
    const user = author(req);
    if (!(await deleteDraft(ctx.prisma, user.id, DraftId.parse(req.params.id)))) throw notFound('No such draft');
    res.status(204).end();
  });

  return router;
}
