// Small shared pieces of the benchmark: where things are, one clock, percentiles, the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = path.join(REPO, 'bench');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');
/** Logs and CPU profiles: big, not committed. */
export const WORK_DIR = path.join(os.tmpdir(), 'heraldo-bench');

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const DB_NAME = process.env.BENCH_DB ?? 'heraldo_bench';
export const DATABASE_URL = `${PG_URL}/${DB_NAME}`;
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Two people benchmarking on one machine keep apart with BENCH_DB and BENCH_REDIS_PREFIX. */
export const REDIS_PREFIX = process.env.BENCH_REDIS_PREFIX ?? 'heraldo-bench';
export const PASSWORD = 'heraldo-demo';
export const PUBLISHER = 'comms@heraldo.test';

/**
 * Wall-clock milliseconds with sub-millisecond resolution. Every bench process uses this, so
 * a time taken in the load generator and one taken in the runner are comparable (one machine,
 * one clock).
 */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface Summary { count: number; p50: number; p95: number; p99: number; max: number; mean: number }

/** Nearest-rank percentiles of a sample (milliseconds in, milliseconds out, 1 decimal). */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const at = (q: number) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
  let sum = 0;
  for (const v of sorted) sum += v;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { count: n, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(at(1)), mean: r(n ? sum / n : NaN) };
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, in KiB (Linux). */
export function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(extra: Record<string, unknown> = {}) {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    fdLimit: sh('sh', ['-c', 'ulimit -n']),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ...extra,
  };
}

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`[bench ${t}] ${message}`);
}
