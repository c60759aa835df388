// The admin API: people, departments, the CSV import, the audit log. Admins only (guard.ts).
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { auditRoutes } from './audit.js';
import { departmentAdminRoutes } from './departments.js';
import { peopleErrors } from './guard.js';
import { importRoutes } from './import.js';
import { userRoutes } from './users.js';

export function adminRoutes(ctx: Context): Router {
  const router = Router();
  // The import's path first: "/api/admin/users/:id" must not see "import" as an id.
  router.use(importRoutes(ctx));
  router.use(userRoutes(ctx));
  router.use(departmentAdminRoutes(ctx));
  router.use(auditRoutes(ctx));
  router.use(peopleErrors);
  return router;
}
