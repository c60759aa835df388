// The bench database: created fresh each run with the project's own migrate and seed scripts,
// plus what only a benchmark needs (sessions made in bulk, counters, EXPLAIN ANALYZE).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { DATABASE_URL, DB_NAME, PG_URL, REPO, log } from './util.js';

function runScript(script: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL, SEED_PASSWORD: 'heraldo-demo' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${script} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

export async function resetDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: `${PG_URL}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  log(`migrate: ${await runScript('server/db/migrate.ts')}`);
}

export type Db = pg.Pool;

export function openDb(): Db {
  return new pg.Pool({ connectionString: DATABASE_URL, max: 3 });
}

/** `npm run db:seed -- --employees N` (additive), then fresh planner statistics. */
export async function seedEmployees(db: Db, employees: number): Promise<number> {
  const started = Date.now();
  const out = await runScript('server/db/seed.ts', ['--employees', String(employees)]);
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM "User"');
  log(`seed --employees ${employees}: ${out.split('\n').slice(-2).join(' ')} (${Date.now() - started} ms); users: ${rows[0]!.n}`);
  return Number(rows[0]!.n);
}

/**
 * Sessions for emp1..empN without the login route (scrypt at ~50 ms each would take minutes):
 * the same rows createSession() writes, tokenHash = sha256 hex of the token.
 */
export async function createSessions(db: Db, count: number): Promise<string[]> {
  const tokens: string[] = [];
  const emails: string[] = [];
  const hashes: string[] = [];
  for (let i = 1; i <= count; i++) {
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    emails.push(`emp${i}@heraldo.test`);
    hashes.push(createHash('sha256').update(token).digest('hex'));
  }
  const { rowCount } = await db.query(
    `INSERT INTO "Session" (id, "tokenHash", "userId", "expiresAt")
     SELECT gen_random_uuid(), t.hash, u.id, now() + interval '1 day'
     FROM unnest($1::text[], $2::text[]) AS t(email, hash) JOIN "User" u ON u.email = t.email`,
    [emails, hashes],
  );
  if (rowCount !== count) throw new Error(`created ${rowCount} sessions, wanted ${count}: seed more employees first`);
  return tokens;
}

export interface FanoutState { recipientCount: number; fannedOutAt: Date | null; fanoutPending: boolean }

export async function fanoutState(db: Db, announcementId: string): Promise<FanoutState> {
  const { rows } = await db.query<FanoutState>(
    'SELECT "recipientCount", "fannedOutAt", "fanoutPending" FROM "Announcement" WHERE id = $1',
    [announcementId],
  );
  return rows[0] ?? { recipientCount: 0, fannedOutAt: null, fanoutPending: true };
}

/** Emitted = up to the fan-out's emit cursor (Announcement.emittedThrough), as the stats count it. */
export async function notificationCounts(db: Db, announcementId: string): Promise<{ total: number; emitted: number }> {
  const { rows } = await db.query<{ total: string; emitted: string }>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE "emittedAt" IS NOT NULL OR id <= (SELECT "emittedThrough" FROM "Announcement" WHERE id = $1)) AS emitted
     FROM "Notification" WHERE "announcementId" = $1`,
    [announcementId],
  );
  return { total: Number(rows[0]!.total), emitted: Number(rows[0]!.emitted) };
}

export async function deliveryCounts(db: Db, announcementId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM "Delivery" WHERE "announcementId" = $1 GROUP BY status`,
    [announcementId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Database-wide counters (what pg_stat_database offers without pg_stat_statements). */
export async function pgDatabaseStats(db: Db): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_returned, tup_fetched, blks_hit, blks_read
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/**
 * EXPLAIN ANALYZE of one page of the fan-out's insert (server/announcements/audience.ts
 * `insertNotificationPage`, audience "all", 5,000 people from the middle of the user ids) for a
 * throw-away announcement, rolled back.
 */
export async function explainFanoutInsert(db: Db): Promise<string[]> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Announcement" (id, title, body, "bodyHtml", "audienceType", channels, status, "authorId")
       SELECT gen_random_uuid(), 'explain', 'x', '<p>x</p>', 'all', '{in_app}', 'published', id FROM "User" WHERE email = 'comms@heraldo.test'
       RETURNING id`,
    );
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, TIMING)
       WITH page AS (
         SELECT a."userId" FROM (SELECT u.id AS "userId" FROM "User" u WHERE u.active) a
         WHERE a."userId" > '80000000-0000-0000-0000-000000000000'::uuid
         ORDER BY a."userId" LIMIT 5000
       ), added AS (
         INSERT INTO "Notification" ("announcementId", "userId")
         SELECT $1::uuid, "userId" FROM page ORDER BY "userId"
         ON CONFLICT ("announcementId", "userId") DO NOTHING
         RETURNING id, "userId"
       )
       SELECT (SELECT json_agg(json_build_array("userId", id::text) ORDER BY id) FROM added) AS created,
              (SELECT count(*)::int FROM page) AS covered,
              (SELECT "userId"::text FROM page ORDER BY "userId" DESC LIMIT 1) AS last`,
      [rows[0]!.id],
    );
    return plan.rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

export async function pgVersion(db: Db): Promise<{ version: string; pgStatStatements: boolean }> {
  const v = await db.query<{ server_version: string }>('SHOW server_version');
  const p = await db.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries');
  return { version: v.rows[0]!.server_version, pgStatStatements: p.rows[0]!.shared_preload_libraries.includes('pg_stat_statements') };
}
