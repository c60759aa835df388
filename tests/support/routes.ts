// The Express app's route table, read from the app itself (Express 5: `app.router.stack`),
// so that security tests cover every route there is, including ones added later.
import type { Express } from 'express';

export interface RouteEntry {
  /** Upper-case method, or ALL for `router.all`. */
  method: string;
  path: string;
  /** `METHOD path`, the key the tests' rule tables use. */
  key: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export function routeTable(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [m, on] of Object.entries(layer.route.methods)) {
          if (!on) continue;
          const method = m === '_all' ? 'ALL' : m.toUpperCase();
          out.push({ method, path: layer.route.path, key: `${method} ${layer.route.path}` });
        }
      } else if (layer.handle?.stack) {
        // Heraldo mounts its routers at the root (`app.use(router)`), so nested paths are whole.
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** The methods a route answers: ALL stands for the ones it really serves (`GET`, `POST`, …). */
export function expandMethods(route: RouteEntry, all: string[]): string[] {
  return route.method === 'ALL' ? all : [route.method];
}
