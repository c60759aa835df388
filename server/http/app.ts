// The Express app: security headers, JSON, auth, the routes, the built web client, errors.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Context } from '../context.js';
import { fromRoot } from '../paths.js';
import { authenticate } from './authenticate.js';
import { errorHandler, notFound } from './errors.js';
import { requestLogger } from './request-log.js';
import { adminRoutes } from './routes/admin/index.js';
import { announcementRoutes } from './routes/announcements/index.js';
import { announcementLifeRoutes } from './routes/announcements/life.js';
import { composeRoutes } from './routes/compose/index.js';
import { draftRoutes } from './routes/drafts/index.js';
import { apiKeyRoutes } from './routes/api-keys/index.js';
import { docsRoutes } from './routes/docs/index.js';
import { integrationRoutes } from './routes/integrations/index.js';
import { authRoutes } from './routes/auth/index.js';
import { passwordRoutes } from './routes/auth/password.js';
import { oidcRoutes } from './routes/auth/oidc.js';
import { scimRoutes } from './routes/scim/index.js';
import { departmentRoutes } from './routes/departments/index.js';
import { healthRoutes } from './routes/health/index.js';
import { inboxRoutes } from './routes/inbox/index.js';
import { meRoutes } from './routes/me/index.js';
import { preferenceRoutes } from './routes/preferences/index.js';
import { queueDashboardRoutes } from './routes/queues/index.js';
import { templateRoutes } from './routes/templates/index.js';
import type { Templates } from '../templates/index.js';

const WEB_DIST = fromRoot('web', 'dist');

export function createApp(ctx: Context, templates: Templates): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          // Images in messages load from this site or the hosts IMAGE_HOSTS names, no others:
          // an image elsewhere would tell its host who read what, and when (the alt text shows).
          'img-src': ["'self'", 'data:', ...ctx.config.imageHosts],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'frame-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  app.use(healthRoutes(ctx));
  app.use(requestLogger(ctx.logger));
  app.use(express.json({ limit: '256kb' }));
  app.use(authenticate(ctx));
  app.use(authRoutes(ctx));
  app.use(oidcRoutes(ctx));
  app.use(passwordRoutes(ctx));
  app.use(meRoutes(ctx));
  app.use(preferenceRoutes(ctx));
  app.use(departmentRoutes(ctx));
  app.use(announcementRoutes(ctx));
  app.use(announcementLifeRoutes(ctx));
  app.use(composeRoutes(ctx, templates));
  app.use(draftRoutes(ctx));
  app.use(inboxRoutes(ctx));
  app.use(templateRoutes(ctx, templates));
  app.use(apiKeyRoutes(ctx));
  app.use(integrationRoutes(ctx));
  app.use(docsRoutes());
  app.use(adminRoutes(ctx));
  app.use(scimRoutes(ctx));
  app.use(queueDashboardRoutes(ctx));
  app.use('/api', (_req, _res, next) => next(notFound('No such API route')));

  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
    // The client routes in the browser: every other GET is its index page.
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(WEB_DIST, 'index.html')));
  }
  app.use(errorHandler(ctx.logger));
  return app;
}
