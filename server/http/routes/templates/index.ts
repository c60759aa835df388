// The composer's preview: a draft rendered by the very templates the workers send with.
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { TemplateError, type Templates } from '../../../templates/index.js';
import { canPublish } from '../../../auth/permissions.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';
import { PreviewInput } from './schema.js';

export function templateRoutes(ctx: Context, templates: Templates): Router {
  const router = Router();
  const inboxUrl = new URL('/inbox', ctx.config.publicUrl).toString();

  router.all('/api/templates/preview', async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next();
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Only people who can publish preview messages');
    const draft = PreviewInput.parse(req.method === 'GET' ? req.query : req.body);
    const ids = draft.audience?.type === 'departments' ? draft.audience.departmentIds : draft.departmentIds;
    const departments = ids.length
      ? await ctx.prisma.department.findMany({ where: { id: { in: ids } }, select: { slug: true, name: true }, orderBy: { slug: 'asc' } })
      : [];
    const view = {
      id: 'preview',
      title: draft.title,
      body: draft.body,
      priority: draft.priority,
      requireAck: draft.requireAck,
      publishedAt: new Date(),
      expiresAt: null,
      departments,
      authorName: user.name,
    };
    try {
      if (draft.channel === 'email') {
        res.json(templates.email(view, { name: user.name, email: user.email, locale: user.locale, timezone: user.timezone }, { inboxUrl }));
      } else {
        res.json(templates.slack(view, { inboxUrl, locale: user.locale, timezone: user.timezone }));
      }
    } catch (err) {
      if (err instanceof TemplateError) throw new HttpError(422, 'template_error', err.message);
      throw err;
    }
  });

  return router;
}
