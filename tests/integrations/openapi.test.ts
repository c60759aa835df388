// GET /api/openapi.json: a valid OpenAPI 3.1 document (checked by a real validator) that
// documents every /api route of the app's route table, with request schemas generated from
// the zod schemas the handlers parse with; GET /api/docs renders it from local files.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../server/http/app.js';
import { ROUTE_MODULES } from '../../server/http/openapi/document.js';
import { openApiPath } from '../../server/http/openapi/common.js';
import { CreateAnnouncementBody } from '../../server/http/routes/announcements/schema.js';
import { AlertmanagerWebhookBody } from '../../server/http/routes/integrations/schema.js';
import { loadTemplates } from '../../server/templates/index.js';
import { createWorld, type World } from '../support/harness.js';
import { expandMethods, routeTable, type RouteEntry } from '../support/routes.js';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; $ref?: string } }> } }>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

let world: World;
let url: string;
let doc: Doc;
let routes: RouteEntry[];

beforeAll(async () => {
  world = await createWorld();
  const node = await world.start({ HERALDO_SERVICES: 'api' });
  url = node.url!;
  routes = routeTable(createApp(node.ctx, await loadTemplates()));
  const res = await fetch(`${url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(() => world?.close());

/** Where a missing route most likely belongs: the module documenting its nearest sibling. */
function moduleFor(path: string): string {
  let best = { name: path.split('/')[2] ?? 'your-route', shared: 0 };
  for (const [name, paths] of Object.entries(ROUTE_MODULES)) {
    for (const p of Object.keys(paths)) {
      let shared = 0;
      while (shared < p.length && p[shared] === path[shared]) shared++;
      if (shared > best.shared && p.lastIndexOf('/', shared) > 4) best = { name, shared };
    }
  }
  return best.name;
}

const schemaOf = (op: Doc['paths'][string][string]) => {
  const s = op.requestBody!.content['application/json']!.schema;
  return s.$ref ? doc.components!.schemas![s.$ref.split('/').pop()!]! : s;
};

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every /api route of the app, and no route that does not exist', () => {
    const api = routes.filter((r) => r.path === '/api' || r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(30);
    const missing: string[] = [];
    const served = new Set<string>();
    for (const route of api) {
      const path = openApiPath(route.path);
      for (const method of expandMethods(route, ['GET', 'POST'])) {
        served.add(`${method} ${path}`);
        if (!doc.paths[path]?.[method.toLowerCase()]) {
          missing.push(
            `${method} ${route.path} is not in /api/openapi.json: register it as '${path}': { ${method.toLowerCase()}: {…} } in the ` +
              `exported \`paths\` of server/http/routes/<the folder of its handler>/openapi.ts (nearest documented sibling: ` +
              `routes/${moduleFor(path)}/openapi.ts), naming the zod schemas the handler parses; a new openapi.ts goes into ` +
              'ROUTE_MODULES of server/http/openapi/document.ts',
          );
        }
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
    const stale = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => !served.has(`${m.toUpperCase()} ${path}`)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(stale, 'documented but not served').toEqual([]);
  });

  it('describes request bodies with the schemas that validate them', () => {
    const propertiesOf = (zodSchema: z.ZodType) => {
      const json = z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) as { properties?: object; $ref?: string; $defs?: Record<string, { properties: object }> };
      return Object.keys(json.$ref ? json.$defs![json.$ref.split('/').pop()!]!.properties : json.properties!).sort();
    };
    const same = (zodSchema: z.ZodType, op: Doc['paths'][string][string]) => {
      const documented = Object.keys(schemaOf(op).properties ?? {}).sort();
      expect(documented.length).toBeGreaterThan(3);
      expect(documented).toEqual(propertiesOf(zodSchema));
    };
    same(CreateAnnouncementBody, doc.paths['/api/announcements']!.post!);
    same(AlertmanagerWebhookBody, doc.paths['/api/integrations/alertmanager']!.post!);
    const publish = JSON.stringify(doc.paths['/api/announcements']!.post);
    expect(publish).toContain('Idempotency-Key');
    expect(publish).toContain('"maxLength":200');
  });
});

describe('GET /api/docs', () => {
  it('serves Swagger UI from local files under the app\'s CSP (no inline script, no CDN)', async () => {
    const page = await fetch(`${url}/api/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/src="\/api\/docs\//);
    }
    expect(html).not.toMatch(/<style|style=|https?:\/\//);
    for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css', '/api/docs/init.js']) {
      const res = await fetch(`${url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
      await res.arrayBuffer();
    }
    // Only the viewer's own files: not the package's demo page or source maps.
    for (const other of ['/api/docs/index.html', '/api/docs/swagger-ui-bundle.js.map', '/api/docs/../package.json']) {
      expect((await fetch(`${url}${other}`)).status, other).toBe(404);
    }
  });
});
