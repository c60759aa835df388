// Large audiences: one announcement to everyone (10,000 and 100,000 generated employees),
// timed until every inbox has it and every in-app emit is done, with the hub's Postgres
// statements and Redis commands counted at the wire (wire-counter.ts).
import type { Redis } from 'ioredis';
import { cpuSnapshot, cpuUse, processCpuSeconds, type CpuUse } from './cpu.js';
import { explainFanoutInsert, fanoutState, notificationCounts, pgDatabaseStats, seedEmployees, type Db } from './database.js';
import { departmentId, login, publish } from './hub-api.js';
import { startHub } from './processes.js';
import { commandStats, diffStats } from './redis.js';
import { countedServices, diffCounts, type WireCounts } from './wire-counter.js';
import { DATABASE_URL, REDIS_URL, log, now, round, sleep, waitFor } from './util.js';

export interface FanoutRow {
  recipients: number;
  /** Publish request sent -> every notification row committed (the inbox shows it). */
  inboxSeconds: number;
  /** Publish request sent -> every in-app emit done (fannedOutAt set, every emittedAt set). */
  emittedSeconds: number;
  perRecipientUs: number;
  sqlPer1k: number;
  redisPer1k: number;
  sql: WireCounts;
  redis: WireCounts;
  /** INFO commandstats over the same window: every client of this Redis, not only the hub. */
  redisCommandstats: { total: number; byKind: Record<string, number> };
  pgDatabase: Record<string, number>;
  idleWindow: { seconds: number; sql: number; redis: number };
  cpu: CpuUse;
  /** CPU seconds of the hub process and of Postgres (all its processes) from the publish
   *  request to fannedOutAt: the work itself, less disturbed by other load than the wall time. */
  cpuSeconds: { hub: number; postgres: number };
}

export interface FanoutResult { rows: FanoutRow[]; perRecipientRatio: number | null; explain: string[]; profiles: string[] }

export async function runFanout(db: Db, redis: Redis, sizes: number[], opts: { profile: boolean; variant?: string }): Promise<FanoutResult> {
  const wire = await countedServices(DATABASE_URL, REDIS_URL);
  const { pg: pgCounter, redis: redisCounter } = wire;
  const rows: FanoutRow[] = [];
  let explain: string[];
  const hub = await startHub('hub-fanout', { profile: opts.profile, variant: opts.variant, databaseUrl: wire.databaseUrl, redisUrl: wire.redisUrl });
  try {
    // The demo users (the publisher among them) come with the first seed: with `--only fanout`
    // nothing has seeded the database yet.
    if (sizes.length > 0) await seedEmployees(db, sizes[0]!);
    const token = await login(hub.url);
    const warmAudience = { type: 'departments' as const, departmentIds: [await departmentId(hub.url, token, 'sales')] };
    for (const [i, size] of sizes.entries()) {
      const users = await seedEmployees(db, size);
      if (i === 0) {
        // Warm-up (JIT, pools) on one department (a fifth of the people), not measured.
        const warm = await publish(hub.url, token, 'Fan-out warm-up', ['in_app'], warmAudience);
        await waitFor(async () => (await fanoutState(db, warm.id)).fannedOutAt !== null, 300_000, 'warm-up fan-out', 100);
      }

      const idleSeconds = 2;
      const idle0 = [pgCounter.snapshot(), redisCounter.snapshot()] as const;
      await sleep(idleSeconds * 1000);
      const pg0 = pgCounter.snapshot();
      const r0 = redisCounter.snapshot();
      const stats0 = await commandStats(redis);
      const db0 = await pgDatabaseStats(db);

      const cpu0 = cpuSnapshot();
      const hubCpu0 = processCpuSeconds(hub.pid);
      const p = await publish(hub.url, token, `Fan-out to ${users} people`);
      let inboxAt = 0;
      await waitFor(
        async () => {
          const s = await fanoutState(db, p.id);
          if (!inboxAt && s.recipientCount > 0) inboxAt = now();
          return s.fannedOutAt !== null;
        },
        600_000,
        `fan-out of ${users} recipients`,
        25,
      );
      const doneAt = now();
      const cpu = cpuUse(cpu0, cpuSnapshot());
      const hubCpu = processCpuSeconds(hub.pid) - hubCpu0;
      await sleep(300); // the job's own completion (BullMQ) is part of its cost
      const sql = diffCounts(pgCounter.snapshot(), pg0);
      const red = diffCounts(redisCounter.snapshot(), r0);
      const redisCommandstats = diffStats(await commandStats(redis), stats0);
      const db1 = await pgDatabaseStats(db);
      const counts = await notificationCounts(db, p.id);
      const recipients = counts.total;
      if (counts.emitted !== counts.total) log(`  fan-out: only ${counts.emitted} of ${counts.total} emitted`);
      const emittedSeconds = (doneAt - p.sentAt) / 1000;
      rows.push({
        recipients,
        inboxSeconds: round((inboxAt - p.sentAt) / 1000, 3),
        emittedSeconds: round(emittedSeconds, 3),
        perRecipientUs: round((emittedSeconds * 1e6) / recipients, 1),
        sqlPer1k: round((sql.total * 1000) / recipients, 1),
        redisPer1k: round((red.total * 1000) / recipients, 1),
        sql,
        redis: red,
        redisCommandstats,
        pgDatabase: Object.fromEntries(Object.entries(db1).map(([k, v]) => [k, v - (db0[k] ?? 0)])),
        idleWindow: { seconds: idleSeconds, sql: pg0.total - idle0[0].total, redis: r0.total - idle0[1].total },
        cpu,
        cpuSeconds: { hub: round(hubCpu, 2), postgres: round(cpu.postgres * cpu.seconds, 1) },
      });
      const r = rows[rows.length - 1]!;
      log(`  fan-out ${recipients}: inbox ${r.inboxSeconds} s, emitted ${r.emittedSeconds} s, ${r.sqlPer1k} SQL and ${r.redisPer1k} Redis per 1k`);
    }
    explain = await explainFanoutInsert(db);
  } finally {
    await hub.stop();
    await wire.close();
  }
  const [small, large] = [rows[0], rows[rows.length - 1]];
  return {
    rows,
    perRecipientRatio: small && large && large !== small ? round(large.perRecipientUs / small.perRecipientUs) : null,
    explain,
    profiles: hub.profileDir ? [hub.profileDir] : [],
  };
}
