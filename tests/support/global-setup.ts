// Once per test run: a migrated, seeded template database that each test file clones, so
// files run in parallel without sharing rows. Torn down with the run.
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../server/db/migrate.js';
import { createPrisma } from '../../server/db/client.js';
import { seedDemo } from '../../server/db/seed.js';
import { databaseUrl, dropRunDatabases, dropStaleTestDatabases, runId, templateName } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await dropStaleTestDatabases();
  // Each vitest project (server, e2e) runs this set-up, at the same moment: their run ids
  // must differ even within one millisecond.
  const run = `${runId()}_${project.name.replace(/[^a-z0-9]/gi, '')}`;
  const url = databaseUrl(templateName(run));
  await applyMigrations(url);
  const prisma = createPrisma(url);
  await seedDemo(prisma, 'heraldo-demo');
  await prisma.$disconnect();
  project.provide('testRun', run);
  return () => dropRunDatabases(run);
}
