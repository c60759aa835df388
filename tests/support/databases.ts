import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests use; TEST_DATABASE_URL points elsewhere (its database name is ignored). */
const BASE = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Test databases are named `heraldo_test_<run>_…`, where <run> is the start time of the test
 * run in base 36: concurrent runs (two terminals, CI and a developer) never touch each other's,
 * and a run's set-up drops only leftovers of runs that started hours ago.
 */
export const runId = () => Date.now().toString(36);
export const templateName = (run: string) => `heraldo_test_${run}_template`;
const STALE_AFTER_MS = 3 * 3600_000;

export function databaseUrl(name: string): string {
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Drops the databases of test runs that started long ago (killed runs leave theirs). */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'heraldo_test_%'");
    for (const { datname } of rows) {
      const started = parseInt(datname.split('_')[2] ?? '', 36);
      if (!Number.isFinite(started) || Date.now() - started > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  });
}

export async function dropRunDatabases(run: string): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`heraldo_test_${run}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

/**
 * A fresh database cloned from the run's migrated and seeded template; drop it when done.
 * FILE_COPY clones in a quarter second, where the default WAL-logged copy takes seconds.
 */
export async function createTestDatabase(run: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `heraldo_test_${run}_${randomBytes(5).toString('hex')}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(run)}" STRATEGY FILE_COPY`);
        return;
      } catch (err) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    url: databaseUrl(name),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
