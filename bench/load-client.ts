// The runner's handle on the load-generator process: fork it, speak its IPC protocol.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR, REPO, rssKb } from './util.js';

export type LoadCommand =
  | { type: 'connect'; url: string; tokens: string[]; batch: number }
  | { type: 'expect'; count: number }
  | { type: 'collect' }
  | { type: 'disconnect' };

export type LoadEvent =
  | { type: 'ready'; pid: number }
  | { type: 'connected'; ok: number; failed: number; errors: Record<string, number>; ms: number }
  | { type: 'complete'; key: string; at: number }
  | { type: 'samples'; byKey: Record<string, Float64Array>; payloads: Record<string, unknown>; disconnects: number }
  | { type: 'disconnected' };

type EventOf<T extends LoadEvent['type']> = Extract<LoadEvent, { type: T }>;

export interface LoadGenerator {
  pid: number;
  rssKb(): number;
  connect(url: string, tokens: string[], batch?: number): Promise<EventOf<'connected'>>;
  expect(count: number): void;
  /** Keys (announcement ids) that every expected client has received. */
  complete: Map<string, number>;
  collect(): Promise<EventOf<'samples'>>;
  disconnect(): Promise<void>;
  close(): void;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, 'load-generator.ts'), [], {
    cwd: REPO,
    execArgv: ['--max-old-space-size=8192', '--import', 'tsx'],
    serialization: 'advanced', // typed arrays cross as they are
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const complete = new Map<string, number>();
  const waiting = new Map<string, (e: LoadEvent) => void>();
  child.on('message', (e: LoadEvent) => {
    if (e.type === 'complete') complete.set(e.key, e.at);
    const w = waiting.get(e.type);
    if (w) {
      waiting.delete(e.type);
      w(e);
    }
  });
  const next = <T extends LoadEvent['type']>(type: T) =>
    new Promise<EventOf<T>>((resolve, reject) => {
      const onExit = () => reject(new Error('the load generator exited'));
      child.once('exit', onExit);
      waiting.set(type, (e) => {
        child.off('exit', onExit);
        resolve(e as EventOf<T>);
      });
    });
  const ready = await next('ready');
  const cmd = (c: LoadCommand) => child.send(c);
  return {
    pid: ready.pid,
    rssKb: () => rssKb(ready.pid),
    connect(url, tokens, batch = 200) {
      const done = next('connected');
      cmd({ type: 'connect', url, tokens, batch });
      return done;
    },
    expect(count) {
      complete.clear();
      cmd({ type: 'expect', count });
    },
    complete,
    collect() {
      const done = next('samples');
      cmd({ type: 'collect' });
      return done;
    },
    async disconnect() {
      const done = next('disconnected');
      cmd({ type: 'disconnect' });
      await done;
    },
    close() {
      child.kill('SIGTERM');
    },
  };
}
