import { Router } from 'express';
import type { Context } from '../../../context.js';
import { requireCaller } from '../../authenticate.js';

export function departmentRoutes(ctx: Context): Router {
  const router = Router();
  router.get('/api/departments', async (req, res) => {
    requireCaller(req); // people and API keys (to look up the ids they may target)
    const rows = await ctx.prisma.department.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: 'asc' } });
    res.json(rows);
  });
  return router;
}
