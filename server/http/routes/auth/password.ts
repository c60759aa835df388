// POST /api/auth/password {token, password}: an invited person chooses a password with the
// one-time token of their invitation link (PUBLIC_URL/set-password?token=…). Anyone may call
// it; only the token's holder can succeed. 400 invalid_token when used, expired or unknown.
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { PeopleError, setPasswordWithToken } from '../../../people/index.js';
import { toHttpError } from '../admin/guard.js';
import { SetPasswordBody } from './schema.js';

export function passwordRoutes(ctx: Context): Router {
  const router = Router();
  router.post('/api/auth/password', async (req, res) => {
    const { token, password } = SetPasswordBody.parse(req.body);
    try {
      const { email } = await setPasswordWithToken(ctx.prisma, token, password);
      ctx.logger.info({ email }, 'password set with an invitation token');
      res.json({ email });
    } catch (err) {
      throw err instanceof PeopleError ? toHttpError(err) : err;
    }
  });
  return router;
}
