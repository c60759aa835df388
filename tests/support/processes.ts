// Real OS processes for the fault tests: a Heraldo node (`node --import tsx server/main.ts`)
// that can be SIGKILLed, and a private `redis-server` that can be restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitUntil } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Proc {
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr interleaved. */
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface HeraldoProcess extends Proc {
  /** http://127.0.0.1:<port> when it runs the api. */
  url?: string;
}

/**
 * Starts `server/main.ts` in its own process with this environment (merged over the test's),
 * and waits until it serves /healthz (api) or has started its workers (worker only).
 */
export async function spawnHeraldo(env: Record<string, string>, timeoutMs = 20_000): Promise<HeraldoProcess> {
  const api = env.HERALDO_SERVICES !== 'worker';
  const port = api ? String(await freePort()) : '0';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DISPATCH_INTERVAL_MS: '500', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: HeraldoProcess = track(child);
  if (api) proc.url = `http://127.0.0.1:${port}`;
  let gone = false;
  void proc.exited.then(() => (gone = true));
  await waitUntil(
    async () => {
      if (gone) throw new Error(`heraldo process exited during start:\n${proc.output()}`);
      if (!api) return true;
      return fetch(`${proc.url}/healthz`).then((r) => r.ok, () => false);
    },
    timeoutMs,
    'the heraldo process to start',
  );
  return proc;
}

export interface RedisServer {
  url: string;
  port: number;
  proc(): Proc;
  /** Graceful stop (SHUTDOWN: the append-only file is flushed). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Removes its data directory; call after stop(). */
  cleanup(): void;
}

/** A private redis-server with appendonly on, on a free port, its data in a temp dir. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'heraldo-redis-'));
  let current: Proc | undefined;
  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--save', '', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = track(child);
    await waitUntil(() => current!.output().includes('Ready to accept connections'), 10_000, 'redis-server to start');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    proc: () => current!,
    start,
    stop: async () => current?.kill('SIGTERM'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
