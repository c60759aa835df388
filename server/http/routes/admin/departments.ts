// /api/admin/departments: list (with active member counts), create, change.
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { createDepartment, listDepartments, updateDepartment } from '../../../people/index.js';
import { notFound } from '../../errors.js';
import { adminActor, requireAdmin } from './guard.js';
import { DepartmentBody, PatchDepartmentBody, isUuid } from './schema.js';

export function departmentAdminRoutes(ctx: Context): Router {
  const router = Router();

  router.get('/api/admin/departments', requireAdmin, async (_req, res) => {
    res.json(await listDepartments(ctx.prisma));
  });

  router.post('/api/admin/departments', requireAdmin, async (req, res) => {
    const input = DepartmentBody.parse(req.body);
    const department = await ctx.prisma.$transaction((tx) => createDepartment(tx, adminActor(req), input));
    res.status(201).json(department);
  });

  router.patch('/api/admin/departments/:id', requireAdmin, async (req, res) => {
    const id = req.params.id;
    if (typeof id !== 'string' || !isUuid(id)) throw notFound('No such department');
    const patch = PatchDepartmentBody.parse(req.body);
    res.json(await ctx.prisma.$transaction((tx) => updateDepartment(tx, adminActor(req), id, patch)));
  });

  return router;
}
