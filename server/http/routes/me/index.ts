import { Router } from 'express';
import { z } from 'zod';
import type { Context } from '../../../context.js';
import { requireUser } from '../../authenticate.js';
import { TimeZone } from '../../../time-zone.js';
import type { Me } from '../../../wire/index.js';
import { loadMe } from './me.js';

export const MePatch = z
  .object({
    locale: z.enum(['en', 'es']).optional(),
    timezone: TimeZone.optional(),
  })
  .strict();

export function meRoutes(ctx: Context): Router {
  const router = Router();
  // Which delivery channels this server has on (email needs SMTP_URL, Slack SLACK_BOT_TOKEN):
  // the composer greys out the others and says why.
  const channels: NonNullable<Me['channels']> = { email: Boolean(ctx.config.smtpUrl), slack: Boolean(ctx.config.slackToken) };
  router.get('/api/me', async (req, res) => {
    res.json({ ...(await loadMe(ctx.prisma, requireUser(req).id)), channels } satisfies Me);
  });
  router.patch('/api/me', async (req, res) => {
    const user = requireUser(req);
    const data = MePatch.parse(req.body);
    await ctx.prisma.user.update({ where: { id: user.id }, data });
    res.json({ ...(await loadMe(ctx.prisma, user.id)), channels } satisfies Me);
  });
  return router;
}
