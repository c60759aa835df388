import { Router } from 'express';
import type { Context } from '../../../context.js';
import { requireUser } from '../../authenticate.js';

export function departmentRoutes(ctx: Context): Router {
  const router = Router();
  router.get('/api/departments', async (req, res) => {
    requireUser(req);
    const rows = await ctx.prisma.department.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: 'asc' } });
    res.json(rows);
  });
  return router;
}
