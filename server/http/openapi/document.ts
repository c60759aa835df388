// The OpenAPI 3.1 document of every /api route, assembled from each route module's
// registration (routes/<r>/openapi.ts), which names the zod schemas its handlers parse
// requests with; zod-openapi turns those into JSON Schema. A route added without a
// registration fails tests/integrations/openapi.test.ts, which says where to add it.
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { paths as admin } from '../routes/admin/openapi.js';
import { paths as announcements } from '../routes/announcements/openapi.js';
import { paths as compose } from '../routes/compose/openapi.js';
import { paths as apiKeys } from '../routes/api-keys/openapi.js';
import { paths as auth } from '../routes/auth/openapi.js';
import { paths as drafts } from '../routes/drafts/openapi.js';
import { paths as departments } from '../routes/departments/openapi.js';
import { paths as docs } from '../routes/docs/openapi.js';
import { paths as inbox } from '../routes/inbox/openapi.js';
import { paths as integrations } from '../routes/integrations/openapi.js';
import { paths as me } from '../routes/me/openapi.js';
import { paths as preferences } from '../routes/preferences/openapi.js';
import { paths as templates } from '../routes/templates/openapi.js';

/** Every route module's registration. A new route folder adds its `paths` here. */
export const ROUTE_MODULES: Record<string, ZodOpenApiPathsObject> = {
  auth, me, preferences, departments, announcements, compose, drafts, inbox, templates, 'api-keys': apiKeys, integrations, admin, docs,
};

/** Merges the modules' path items (two modules may document methods of the same path). */
function mergePaths(modules: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const paths of modules) {
    for (const [path, item] of Object.entries(paths)) {
      for (const method of Object.keys(item)) {
        if (merged[path] && method in merged[path]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is registered twice`);
      }
      merged[path] = { ...merged[path], ...item };
    }
  }
  return merged;
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(version = '2'): ReturnType<typeof createDocument> {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Heraldo API',
      version,
      description:
        'Internal communications hub. JSON in and out; errors are `{"error": {code, message, fields?}}`. ' +
        'Authenticate with `Authorization: Bearer <token>` (a session token from POST /api/auth/login, or an API key `hk_…`) ' +
        'or the session cookie; cookie-authenticated writes also need the `X-CSRF-Token` header (the `heraldo_csrf` cookie). ' +
        'API keys may call only POST /api/announcements, POST /api/integrations/alertmanager and GET /api/departments.',
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token, or an API key (`hk_…`)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'heraldo_session' },
      },
    },
    paths: mergePaths(Object.values(ROUTE_MODULES)),
  });
  return cached;
}
