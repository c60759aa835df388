// The servers under test, each a child process of the runner (so its RSS is its own): the hub
// exactly as `npm start` runs it after migrate+build, and the bare socket.io baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_URL, REDIS_PREFIX, REDIS_URL, REPO, WORK_DIR, freePort, log, rssKb, sleep, waitFor } from './util.js';

export interface MemoryAfterGc { rssKb: number; heapUsedKb: number; externalKb: number }

export interface Server {
  name: string;
  url: string;
  pid: number;
  rssKb(): number;
  /** Full GC in the process (memory-probe.ts), then its RSS and V8 heap. */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  /** The largest RSS seen since the last call (sampled every 100 ms). */
  takePeakRssKb(): number;
  /** SIGTERM, then wait for a clean exit (which also writes the CPU profile, if any). */
  stop(): Promise<void>;
  profileDir?: string;
}

interface ServerOptions {
  profile?: boolean;
  /** bench/experiments variants to swap into the hub (hooks.mjs). */
  variant?: string;
}

/** Children still running: killed if the runner exits early (error, Ctrl-C). */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

function runChild(name: string, args: string[], env: Record<string, string>, port: number, readyPath: string, opts: ServerOptions): Promise<Server> {
  mkdirSync(WORK_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const profileDir = opts.profile ? path.join(WORK_DIR, `profile-${name}-${stamp}`) : undefined;
  const memoryFile = path.join(WORK_DIR, `memory-${name}-${stamp}.json`);
  const probe = ['--expose-gc', '--import', './bench/memory-probe.ts'];
  if (opts.variant) probe.push('--import', './bench/experiments/register.ts');
  const nodeArgs = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), '--import', 'tsx', ...probe, ...args];
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, PORT: String(port), BENCH_MEMORY_FILE: memoryFile, BENCH_VARIANT: opts.variant ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = path.join(WORK_DIR, `${name}-${stamp}.log`);
  const out = createWriteStream(logFile);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited = false;
  live.add(child);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      live.delete(child);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  let peak = 0;
  const sampler = setInterval(() => {
    if (!exited) peak = Math.max(peak, rssKb(child.pid!));
  }, 100);
  const server: Server = {
    name,
    url,
    pid: child.pid!,
    profileDir,
    rssKb: () => rssKb(child.pid!),
    async memoryAfterGc() {
      rmSync(memoryFile, { force: true });
      child.kill('SIGUSR2');
      await waitFor(() => existsSync(memoryFile), 30_000, `${name} memory probe`, 50);
      await sleep(50); // written in one call, but let it land
      const m = JSON.parse(readFileSync(memoryFile, 'utf8')) as { heapUsed: number; external: number };
      return { rssKb: rssKb(child.pid!), heapUsedKb: Math.round(m.heapUsed / 1024), externalKb: Math.round(m.external / 1024) };
    },
    takePeakRssKb: () => {
      const p = Math.max(peak, rssKb(child.pid!));
      peak = 0;
      return p;
    },
    async stop() {
      clearInterval(sampler);
      if (!exited) child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => false), sleep(40_000).then(() => true)]);
      if (killed) {
        log(`${name} did not stop within 40 s; killing it`);
        child.kill('SIGKILL');
        await exit;
      }
    },
  };
  return waitFor(
    async () => {
      if (exited) throw new Error(`${name} exited during start; see ${logFile}`);
      return fetch(url + readyPath).then((r) => r.ok, () => false);
    },
    90_000,
    `${name} to be ready`,
    200,
  ).then(() => server);
}

export interface HubOptions extends ServerOptions {
  smtpUrl?: string;
  /** Route the hub's Postgres and Redis traffic through these ports (wire counters). */
  databaseUrl?: string;
  redisUrl?: string;
}

export async function startHub(name: string, opts: HubOptions = {}): Promise<Server> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'heraldo-bench-session-secret-not-for-production',
    DATABASE_URL: opts.databaseUrl ?? DATABASE_URL,
    REDIS_URL: opts.redisUrl ?? REDIS_URL,
    HERALDO_REDIS_PREFIX: REDIS_PREFIX,
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'http://localhost:3000',
    // Empty means off; set explicitly so that a developer's .env cannot turn them on.
    SMTP_URL: opts.smtpUrl ?? '',
    SLACK_BOT_TOKEN: '',
    // Every load-test client connects from 127.0.0.1: the per-address handshake limit (meant
    // for one person's script) would refuse all but the first 600 of a minute. It is still
    // counted, so its cost stays in the measure.
    SOCKET_CONNECTS_PER_MINUTE: '1000000',
  };
  return runChild(name, ['server/main.ts'], env, await freePort(), '/readyz', opts);
}

export async function startBaseline(opts: ServerOptions = {}): Promise<Server> {
  return runChild('baseline', [path.join('bench', 'baseline-server.ts')], {}, await freePort(), '/healthz', opts);
}
