// Live fan-out: the same N clients against the hub and then against the bare socket.io
// baseline; 20 announcements to everyone, one a second; latency per recipient from the
// publish request leaving the runner to the client's receipt.
import { randomUUID } from 'node:crypto';
import { cpuSnapshot, cpuUse, processCpuSeconds, type CpuUse } from './cpu.js';
import { createSessions, seedEmployees, type Db } from './database.js';
import { broadcast, login, publish, type Published } from './hub-api.js';
import type { LoadGenerator } from './load-client.js';
import { startBaseline, startHub, type MemoryAfterGc, type Server } from './processes.js';
import { log, now, round, sleep, summarize, waitFor, type Summary } from './util.js';

export interface RealtimeOptions { announcements: number; settleMs: number; drainMs: number; profile: boolean; variant?: string }

export interface TargetRun {
  connected: number;
  failed: number;
  connectErrors: Record<string, number>;
  connectSeconds: number;
  latencyMs: Summary;
  /** Per announcement: time until its last recipient had it. */
  lastRecipientMs: Summary;
  publishResponseMs: Summary;
  missing: number;
  disconnects: number;
  /** After a full GC (memory-probe.ts), before and after the clients connected. */
  memoryIdle: MemoryAfterGc;
  memoryConnected: MemoryAfterGc;
  /** After every client left: what stays is high-water memory (allocator, pools), not per-client state. */
  memoryDisconnected: MemoryAfterGc;
  rssPeakKb: number;
  /** RSS after GC, connected minus idle, per client. */
  memoryPerClientKb: number;
  /** V8 heap used after GC, connected minus idle, per client. */
  heapPerClientKb: number;
  loadGeneratorRssKb: number;
  /** Cores busy while the announcements went out, by whom ("other": not this bench). */
  cpu: CpuUse;
  /** The server process's own CPU seconds: for the N handshakes, and for the measured
   *  announcements (publish to the last receipt). Steadier than latencies on a busy machine. */
  serverCpuSeconds: { connect: number; announcements: number };
}

export interface RealtimeRow {
  clients: number;
  p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; lastMs: number;
  baselineP50Ms: number; baselineP95Ms: number; baselineP99Ms: number; baselineMaxMs: number; baselineLastMs: number;
  ratioP99: number;
  memoryPerClientKb: number;
  baselineMemoryPerClientKb: number;
  memoryRatio: number;
  heapPerClientKb: number;
  baselineHeapPerClientKb: number;
  hub: TargetRun;
  baseline: TargetRun;
  profiles: string[];
}

type Publisher = (title: string) => Promise<Published>;

async function measure(server: Server, gen: LoadGenerator, tokens: string[], send: Publisher, opts: RealtimeOptions): Promise<{ run: TargetRun; payload: unknown }> {
  await sleep(opts.settleMs);
  const idle = await server.memoryAfterGc();
  const cpuBeforeConnect = processCpuSeconds(server.pid);
  const c = await gen.connect(server.url, tokens);
  const connectCpu = processCpuSeconds(server.pid) - cpuBeforeConnect;
  if (c.failed) log(`  ${server.name}: ${c.failed} connections failed: ${JSON.stringify(c.errors)}`);
  log(`  ${server.name}: ${c.ok} clients connected in ${(c.ms / 1000).toFixed(1)} s`);
  await sleep(opts.settleMs);
  const connected = await server.memoryAfterGc();

  // One unmeasured warm-up announcement (JIT, pools, first fetch), then the measured ones.
  gen.expect(c.ok);
  const warm = await send('Bench warm-up');
  await waitFor(() => gen.complete.has(warm.id), 30_000, `warm-up announcement at ${server.name}`).catch((e: Error) => log(`  ${e.message}`));
  const { payloads } = await gen.collect();
  gen.expect(c.ok);
  server.takePeakRssKb();

  const cpu0 = cpuSnapshot();
  const serverCpu0 = processCpuSeconds(server.pid);
  const start = now() + 200;
  const sends: Promise<Published>[] = [];
  for (let i = 0; i < opts.announcements; i++) {
    await sleep(Math.max(0, start + i * 1000 - now()));
    sends.push(send(`Bench announcement ${i + 1} of ${opts.announcements}`));
  }
  const published = await Promise.all(sends);
  await waitFor(() => published.every((p) => gen.complete.has(p.id)), opts.drainMs, 'every client to receive every announcement', 100).catch((e: Error) =>
    log(`  ${server.name}: ${e.message} (${published.filter((p) => gen.complete.has(p.id)).length}/${published.length} complete)`),
  );
  const cpu = cpuUse(cpu0, cpuSnapshot());
  const announcementsCpu = processCpuSeconds(server.pid) - serverCpu0;
  const samples = await gen.collect();
  const rssPeakKb = server.takePeakRssKb();

  const latencies: number[] = [];
  const last: number[] = [];
  let received = 0;
  for (const p of published) {
    const times = samples.byKey[p.id] ?? new Float64Array(0);
    received += times.length;
    let max = 0;
    for (const t of times) {
      latencies.push(t - p.sentAt);
      max = Math.max(max, t - p.sentAt);
    }
    last.push(max);
  }
  const loadGeneratorRssKb = gen.rssKb();
  await gen.disconnect();
  await sleep(opts.settleMs);
  const disconnected = await server.memoryAfterGc();
  return {
    payload: payloads[warm.id],
    run: {
      connected: c.ok,
      failed: c.failed,
      connectErrors: c.errors,
      connectSeconds: round(c.ms / 1000, 1),
      latencyMs: summarize(latencies),
      lastRecipientMs: summarize(last),
      publishResponseMs: summarize(published.map((p) => p.respondedAt - p.sentAt)),
      missing: c.ok * published.length - received,
      disconnects: samples.disconnects,
      memoryIdle: idle,
      memoryConnected: connected,
      memoryDisconnected: disconnected,
      rssPeakKb,
      memoryPerClientKb: round((connected.rssKb - idle.rssKb) / Math.max(1, c.ok), 1),
      heapPerClientKb: round((connected.heapUsedKb - idle.heapUsedKb) / Math.max(1, c.ok), 1),
      loadGeneratorRssKb,
      cpu,
      serverCpuSeconds: { connect: round(connectCpu, 2), announcements: round(announcementsCpu, 2) },
    },
  };
}

export async function runRealtime(db: Db, gen: LoadGenerator, clientCounts: number[], opts: RealtimeOptions): Promise<RealtimeRow[]> {
  const rows: RealtimeRow[] = [];
  for (const clients of clientCounts) {
    log(`realtime: ${clients} clients`);
    await seedEmployees(db, clients);
    const tokens = await createSessions(db, clients);

    const hub = await startHub(`hub-realtime-${clients}`, { profile: opts.profile, variant: opts.variant });
    const token = await login(hub.url);
    const hubRun = await measure(hub, gen, tokens, (title) => publish(hub.url, token, title), opts).finally(() => hub.stop());
    log(`  hub: p50 ${hubRun.run.latencyMs.p50} ms, p99 ${hubRun.run.latencyMs.p99} ms, last ${hubRun.run.lastRecipientMs.max} ms, missing ${hubRun.run.missing}`);

    // The baseline sends exactly what the hub sent (its warm-up payload), with a fresh id.
    const template = (hubRun.payload ?? {}) as Record<string, unknown>;
    const baseline = await startBaseline({ profile: opts.profile });
    const baseRun = await measure(
      baseline,
      gen,
      tokens,
      (title) => broadcast(baseline.url, { ...template, id: String(Date.now()), announcementId: randomUUID(), title }),
      opts,
    ).finally(() => baseline.stop());
    log(`  baseline: p50 ${baseRun.run.latencyMs.p50} ms, p99 ${baseRun.run.latencyMs.p99} ms, last ${baseRun.run.lastRecipientMs.max} ms`);

    const h = hubRun.run;
    const b = baseRun.run;
    rows.push({
      clients,
      p50Ms: h.latencyMs.p50, p95Ms: h.latencyMs.p95, p99Ms: h.latencyMs.p99, maxMs: h.latencyMs.max, lastMs: h.lastRecipientMs.max,
      baselineP50Ms: b.latencyMs.p50, baselineP95Ms: b.latencyMs.p95, baselineP99Ms: b.latencyMs.p99, baselineMaxMs: b.latencyMs.max,
      baselineLastMs: b.lastRecipientMs.max,
      ratioP99: round(h.latencyMs.p99 / b.latencyMs.p99),
      memoryPerClientKb: h.memoryPerClientKb,
      baselineMemoryPerClientKb: b.memoryPerClientKb,
      memoryRatio: round(h.memoryPerClientKb / b.memoryPerClientKb),
      heapPerClientKb: h.heapPerClientKb,
      baselineHeapPerClientKb: b.heapPerClientKb,
      hub: h,
      baseline: b,
      profiles: [hub.profileDir, baseline.profileDir].filter((d): d is string => !!d),
    });
  }
  return rows;
}
