// Once per test run: a migrated, seeded template database that each test file clones
// (CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY: a quarter second, where the default
// WAL-logged copy takes seconds), so files run in parallel
// without sharing rows.
import pg from 'pg';
import { applyMigrations } from '../../server/db/migrate.js';
import { createPrisma } from '../../server/db/client.js';
import { seedDemo } from '../../server/db/seed.js';
import { TEMPLATE_DB, adminUrl, databaseUrl } from './databases.js';

export default async function setup(): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  // Leftovers of an earlier run that was killed, and the old template (the schema may have changed).
  const old = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'heraldo_test_%'",
  );
  for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();

  await applyMigrations(databaseUrl(TEMPLATE_DB));
  const prisma = createPrisma(databaseUrl(TEMPLATE_DB));
  await seedDemo(prisma, 'heraldo-demo');
  await prisma.$disconnect();
  return async () => {};
}
