// Real OS processes for the fault tests: a Heraldo node (`node --import tsx server/main.ts`)
// that can be SIGKILLed, and a private `redis-server` that can be restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitUntil } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A TCP port nobody listens on right now (and that anyone may take a moment later: prefer
 *  listening on port 0 and asking the listener). */
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
 * and waits until it says it is ready over an IPC channel. The api listens on a port the
 * system picks (PORT=0) and reports: a port found free and handed over would be free only
 * until someone else (any outgoing connection) took it.
 */
export async function spawnHeraldo(env: Record<string, string>, timeoutMs = 60_000): Promise<HeraldoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', DISPATCH_INTERVAL_MS: '500', ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const proc: HeraldoProcess = track(child);
  const ready = new Promise<string | null>((resolve, reject) => {
    child.on('message', (m: { type?: string; url?: string | null }) => m?.type === 'heraldo:ready' && resolve(m.url ?? null));
    void proc.exited.then(() => reject(new Error(`heraldo process exited during start:\n${proc.output()}`)));
    setTimeout(() => reject(new Error(`heraldo process not ready after ${timeoutMs} ms:\n${proc.output()}`)), timeoutMs).unref();
  });
  const url = await ready.catch(async (err: unknown) => {
    await proc.kill();
    throw err;
  });
  if (url) proc.url = url;
  return proc;
}

export interface RedisServer {
  /** What REDIS_URL takes: the path of its Unix socket. */
  url: string;
  proc(): Proc;
  /** Graceful stop (SHUTDOWN: the append-only file is flushed). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Removes its data directory; call after stop(). */
  cleanup(): void;
}

/**
 * A private redis-server with appendonly on, its data in a temp dir. It listens on a Unix
 * socket in that dir, not a TCP port: a restart finds its address still its own, where a port
 * released by the stop could have been taken meanwhile by any outgoing connection.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'heraldo-redis-'));
  const socket = path.join(dir, 'redis.sock');
  let current: Proc | undefined;
  const start = async () => {
    const child = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--appendonly', 'yes', '--save', '', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = track(child);
    await waitUntil(() => /ready to accept connections/i.test(current!.output()), 10_000, 'redis-server to start');
  };
  await start();
  return {
    url: socket,
    proc: () => current!,
    start,
    stop: async () => current?.kill('SIGTERM'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
