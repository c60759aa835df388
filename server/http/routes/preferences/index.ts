// GET/PATCH /api/me/preferences: each person's own email and desktop notification choices.
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { getPreferences, updatePreferences } from '../../../preferences/preferences.js';
import { requireUser } from '../../authenticate.js';
import { PreferencesPatch } from './schema.js';

export function preferenceRoutes(ctx: Context): Router {
  const router = Router();
  router.get('/api/me/preferences', async (req, res) => {
    res.json(await getPreferences(ctx.prisma, requireUser(req).id));
  });
  router.patch('/api/me/preferences', async (req, res) => {
    const user = requireUser(req);
    const patch = PreferencesPatch.parse(req.body);
    res.json(await updatePreferences(ctx.prisma, user.id, patch));
  });
  return router;
}
