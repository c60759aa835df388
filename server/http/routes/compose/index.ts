// What the composer asks before publishing: how many people an audience reaches now (for
// "Send to N people by …?"), and a test send to oneself. Same rule as publishing: employees
// 403, managers only their departments.
import { Router } from 'express';
import { countAudience } from '../../../announcements/audience.js';
import { canPublish } from '../../../auth/permissions.js';
import type { Context } from '../../../context.js';
import type { Templates } from '../../../templates/index.js';
import { requireUser } from '../../authenticate.js';
import { forbidden } from '../../errors.js';
import { AudienceCountBody } from '../announcements/schema.js';
import { assertMayAddress } from './audience.js';
import { testSendHandler } from './test-send.js';

export function composeRoutes(ctx: Context, templates: Templates): Router {
  const router = Router();

  router.post('/api/announcements/audience', async (req, res) => {
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Employees cannot publish announcements');
    const { audience } = AudienceCountBody.parse(req.body);
    await assertMayAddress(ctx.prisma, user, audience);
    res.json({ recipients: await countAudience(ctx.prisma, audience) });
  });

  router.post('/api/announcements/test', testSendHandler(ctx, templates));

  return router;
}
