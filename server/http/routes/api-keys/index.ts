// Admin management of API keys: create (the key is in this answer only), list, revoke.
import { Router, type Request } from 'express';
import { unknownDepartments } from '../../../announcements/publish.js';
import { userActor } from '../../../audit/audit.js';
import type { Context } from '../../../context.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../integrations/api-keys.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden, notFound } from '../../errors.js';
import { ApiKeyId, CreateApiKeyBody } from './schema.js';

function requireAdmin(req: Request) {
  const user = requireUser(req);
  if (user.role !== 'admin') throw forbidden('Only admins manage API keys');
  return user;
}

export function apiKeyRoutes(ctx: Context): Router {
  const router = Router();

  router.post('/api/admin/api-keys', async (req, res) => {
    const user = requireAdmin(req);
    const input = CreateApiKeyBody.parse(req.body);
    const unknown = await unknownDepartments(ctx.prisma, input.departmentIds);
    if (unknown.length) {
      throw new HttpError(400, 'validation_failed', 'Some fields are invalid', { departmentIds: `Unknown department(s): ${unknown.join(', ')}` });
    }
    const created = await ctx.prisma.$transaction((tx) => createApiKey(tx, userActor(user), input));
    ctx.logger.info({ apiKeyId: created.id, by: user.id }, 'api key created');
    res.status(201).json(created);
  });

  router.get('/api/admin/api-keys', async (req, res) => {
    requireAdmin(req);
    res.json(await listApiKeys(ctx.prisma));
  });

  router.delete('/api/admin/api-keys/:id', async (req, res) => {
    const user = requireAdmin(req);
    const id = ApiKeyId.parse(req.params.id);
    const revoked = await ctx.prisma.$transaction((tx) => revokeApiKey(tx, userActor(user), id));
    if (!revoked) throw notFound('No such API key');
    ctx.logger.info({ apiKeyId: id, by: user.id }, 'api key revoked');
    res.json(revoked);
  });

  return router;
}
