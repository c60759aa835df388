// Machine-to-machine entry points. POST /api/integrations/alertmanager takes Alertmanager's
// webhook; only API keys with `announcements:write` may call it (checked in authenticate.ts).
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { keyAudienceDenial } from '../../../integrations/api-keys.js';
import { DEFAULT_ALERT_CHANNELS, receiveAlerts } from '../../../integrations/alertmanager.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';
import { AlertmanagerQuery, AlertmanagerWebhookBody } from './schema.js';

export function integrationRoutes(ctx: Context): Router {
  const router = Router();

  router.post('/api/integrations/alertmanager', async (req, res) => {
    if (!req.apiKey) {
      requireUser(req);
      throw forbidden('Alertmanager posts with an API key (Authorization: Bearer hk_…)');
    }
    const key = req.apiKey;
    const query = AlertmanagerQuery.parse(req.query);
    const hook = AlertmanagerWebhookBody.parse(req.body);

    let audience: { type: 'all' } | { type: 'departments'; departmentIds: string[] } = { type: 'all' };
    if (query.departments) {
      const rows = await ctx.prisma.department.findMany({ where: { slug: { in: query.departments } }, select: { id: true, slug: true } });
      const unknown = query.departments.filter((slug) => !rows.some((d) => d.slug === slug));
      if (unknown.length) throw new HttpError(400, 'validation_failed', 'Some fields are invalid', { departments: `Unknown department(s): ${unknown.join(', ')}` });
      audience = { type: 'departments', departmentIds: rows.map((d) => d.id) };
    }
    const denial = keyAudienceDenial(key, audience);
    if (denial) throw forbidden(query.departments ? denial : `${denial}: name them with ?departments=`);

    const outcome = await receiveAlerts(ctx, key, hook, { audience, channels: query.channels ?? DEFAULT_ALERT_CHANNELS });
    res.status(202).json({ announcementId: outcome.announcementId });
  });

  return router;
}
