// Where the project's own files are (templates/, prisma/, web/dist), whether this code runs
// as TypeScript from server/ (tsx, tests) or compiled to dist/server/ (`npm start`, the image):
// the root is the nearest folder above with a package.json (dist/ has none).
import { existsSync } from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Heraldo cannot find its package.json above ${from}`);
  }
}

export const ROOT = findRoot(import.meta.dirname);

/** A path inside the project, e.g. `fromRoot('templates')`. */
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
