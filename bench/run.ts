// `npm run bench` — Heraldo against real Postgres, Redis and an SMTP sink on this machine.
//   (full run: 1,000 / 5,000 / 10,000 live clients; 10,000, 100,000 and 1,000,000 recipients; 10,000 emails)
//   --quick                 1,000 live clients, 10,000 recipients, 3,000 emails (under 2 minutes)
//   --only realtime,email   run only these phases (realtime, email, fanout, import)
//   --only import           just the people import (100,000 CSV rows; --import-rows N to change)
//   --profile               run the hub (and the socket.io baseline) under `node --cpu-prof`,
//                           put the summaries in the results, and count the hub's SQL and
//                           Redis per email at the wire
//   --clients 1000,5000     --recipients 10000,1000000   --email 10000   override the sizes
//   --variant autopipeline  run the hub with a proposed server change swapped in from
//                           bench/experiments (A/B against a run without it); also
//                           one-frame, emit-first, no-rows: what bounds the live p99
//                           (docs/benchmarks.md), comma-separated to combine
// Every run writes bench/results/<timestamp>.json; bench/results/latest.json only a run of
// every phase at the default sizes without --profile. The import stands apart from the other
// phases: a run of it at the default size also updates `peopleImport` in latest.json.
// Method and latest numbers: docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { openDb, pgVersion, resetDatabase } from './database.js';
import { runEmail, type EmailResult } from './email.js';
import { runFanout, type FanoutResult } from './fanout.js';
import { runPeopleImport, type PeopleImportResult } from './people-import.js';
import { startLoadGenerator } from './load-client.js';
import { summarizeDir, type ProfileSummary } from './profile.js';
import { openRedis, redisVersion, wipePrefix } from './redis.js';
import { runRealtime, type RealtimeRow } from './realtime.js';
import { formatResults, importTarget, judgeTargets, updateLatest, writeResults, type Results } from './report.js';
import { startSmtpSink } from './smtp-sink.js';
import { DB_NAME, REDIS_PREFIX, REPO, log, machineInfo } from './util.js';

const PHASES = ['realtime', 'email', 'fanout', 'import'] as const;
type Phase = (typeof PHASES)[number];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}
const list = (name: string, fallback: number[]) => (arg(name) ? arg(name)!.split(',').map((s) => Number(s.replace(/_/g, ''))) : fallback);

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');
const variant = arg('variant');
const only = arg('only')?.split(',').map((s) => s.trim()) ?? [...PHASES];
for (const p of only) if (!PHASES.includes(p as Phase)) throw new Error(`--only takes ${PHASES.join(', ')}; got ${p}`);
const phases = PHASES.filter((p) => only.includes(p));
const clients = list('clients', quick ? [1_000] : [1_000, 5_000, 10_000]);
const recipients = list('recipients', quick ? [10_000] : [10_000, 100_000, 1_000_000]);
const emailSize = list('email', [quick ? 3_000 : 10_000])[0]!;
const importRows = list('import-rows', [100_000])[0]!;

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const startedAt = new Date().toISOString();
  log(`${quick ? 'quick' : 'full'} run: ${phases.join(', ')}; clients ${clients.join('/')}, recipients ${recipients.join('/')}, email ${emailSize}`);
  log(`database ${DB_NAME} (recreated), Redis prefix ${REDIS_PREFIX}:*${variant ? `; hub variant: ${variant}` : ''}`);
  await resetDatabase();
  const db = openDb();
  const redis = openRedis();
  await wipePrefix(redis);
  const pg = await pgVersion(db);
  const machine = machineInfo({ postgres: pg.version, pgStatStatementsLoaded: pg.pgStatStatements, redis: await redisVersion(redis) });
  if (Number(machine.fdLimit) < Math.max(...clients) + 1000) log(`WARNING: ulimit -n is ${machine.fdLimit}; ${Math.max(...clients)} clients need more`);

  let realtime: RealtimeRow[] = [];
  let email: EmailResult | null = null;
  let fanout: FanoutResult | null = null;
  let peopleImport: PeopleImportResult | null = null;
  const profiles: Record<string, ProfileSummary[]> = {};
  try {
    if (phases.includes('realtime')) {
      const gen = await startLoadGenerator();
      try {
        realtime = await runRealtime(db, gen, clients, { announcements: 20, settleMs: quick ? 1_500 : 3_000, drainMs: quick ? 20_000 : 60_000, profile, variant });
      } finally {
        gen.close();
      }
      if (profile) profiles.realtime = realtime.flatMap((r) => r.profiles.flatMap((d) => summarizeDir(d)));
    }
    if (phases.includes('email')) {
      log(`email: ${emailSize} recipients`);
      const sink = await startSmtpSink();
      try {
        email = await runEmail(db, sink, emailSize, { profile, variant });
      } finally {
        await sink.close();
      }
      if (profile) profiles.email = email.profiles.flatMap((d) => summarizeDir(d));
    }
    if (phases.includes('fanout')) {
      log(`fan-out: ${recipients.join(' and ')} recipients`);
      fanout = await runFanout(db, redis, recipients, { profile, variant });
      if (profile) profiles.fanout = fanout.profiles.flatMap((d) => summarizeDir(d));
    }
    // Last: it adds 100,000 people, which would change the other phases' audiences.
    if (phases.includes('import')) peopleImport = await runPeopleImport(db, importRows);
  } finally {
    await wipePrefix(redis).catch(() => 0);
    redis.disconnect();
    await db.end();
  }

  const results: Results = {
    machine,
    run: {
      mode: quick ? 'quick' : 'full',
      phases,
      startedAt,
      seconds: Math.round((Date.now() - started) / 1000),
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: git(['status', '--porcelain']).length > 0,
      profiled: profile,
      variant: variant ?? null,
    },
    realtime,
    fanout: fanout?.rows ?? [],
    fanoutAnalysis: fanout ? { perRecipientRatio: fanout.perRecipientRatio, explain: fanout.explain } : null,
    email,
    peopleImport,
    targets: [...judgeTargets(realtime, fanout, email), importTarget(peopleImport)],
    profiles,
  };
  // latest.json is the reference: every phase, default sizes, no profiler or proxies in the way.
  const latest = phases.length === PHASES.length && !profile && !variant && !['clients', 'recipients', 'email'].some((n) => arg(n) !== undefined);
  const file = writeResults(results, latest);
  if (!latest && peopleImport && importRows === 100_000) updateLatest({ peopleImport });
  console.log(formatResults(results));
  log(`results: ${file}${latest ? ' and bench/results/latest.json' : ''}`);
}

process.on('SIGINT', () => process.exit(130));
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
