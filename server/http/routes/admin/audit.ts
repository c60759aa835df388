// GET /api/admin/audit: the audit log, newest first, a page at a time, by action.
import { Router } from 'express';
import { listAudit } from '../../../audit/audit.js';
import type { Context } from '../../../context.js';
import { requireAdmin } from './guard.js';
import { AuditQuery } from './schema.js';

export function auditRoutes(ctx: Context): Router {
  const router = Router();
  router.get('/api/admin/audit', requireAdmin, async (req, res) => {
    const q = AuditQuery.parse(req.query);
    res.json(await listAudit(ctx.prisma, q));
  });
  return router;
}
