// Prisma's Schema Engine, compiled to WebAssembly (npm: @prisma/schema-engine-wasm).
// The Prisma CLI downloads a native engine from Prisma's binaries host before every migrate
// command; where that host cannot be reached (see README, "Migrations"), this runs the very
// same engine from the npm package, so migrations apply identically with or without network.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { fromRoot } from '../paths.js';

const require = createRequire(import.meta.url);

export const SCHEMA_PATH = fromRoot('prisma', 'schema.prisma');
export const MIGRATIONS_DIR = fromRoot('prisma', 'migrations');

/**
 * Node 20 cannot import the package's ESM entry (it imports the .wasm file directly), so the
 * glue module is loaded and the module instantiated by hand.
 */
async function loadEngineModule(): Promise<typeof import('@prisma/schema-engine-wasm')> {
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const dir = path.dirname(gluePath);
  const bg = await import(pathToFileURL(gluePath).href);
  const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg;
}

/**
 * One instantiation per process, kept on globalThis: Node caches the glue module process-wide,
 * and a second instantiation (from a second copy of this module, as test runners make) would
 * swap the wasm memory under the glue's cached views.
 */
const ENGINE_KEY = Symbol.for('heraldo.schemaEngineModule');
type EngineModule = ReturnType<typeof loadEngineModule>;
const holder = globalThis as typeof globalThis & { [ENGINE_KEY]?: EngineModule };

export async function openSchemaEngine(
  databaseUrl: string,
  log: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  holder[ENGINE_KEY] ??= loadEngineModule();
  const { SchemaEngine } = await holder[ENGINE_KEY];
  const schemaText = await readFile(SCHEMA_PATH, 'utf8');
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  return SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schemaText]] }, log, adapter);
}

export async function readMigrationList(): Promise<MigrationList> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(MIGRATIONS_DIR, folder, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (err: Error) => ({ tag: 'error' as const, value: err.message }),
        ),
      },
    })),
  );
  const lockfileContent = await readFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: lockfileContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
