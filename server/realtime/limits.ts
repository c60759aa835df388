// What one person or one address may hold of an api node's sockets. Each socket costs
// memory (buffers, rooms, timers) for as long as it is open, and each handshake a session
// lookup: without bounds, one signed-in user opened a thousand sockets in seconds. Counted per
// node, in memory: a node protects itself, and nothing here waits on Redis.
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

export interface SocketLimits {
  /** engine.io's allowRequest: false once this address used up its handshakes for the minute. */
  allowRequest(req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void;
  /** Takes one of the user's slots for this socket; false when they hold the most allowed.
   *  The slot is given back by `release` (idempotent). */
  admit(userId: string, socketId: string): boolean;
  release(userId: string, socketId: string): void;
  /** Entries held right now (for tests: they must fall back to zero). */
  size(): { users: number; addresses: number };
  close(): void;
}

export interface LimitOptions {
  socketsPerUser: number;
  connectsPerMinute: number;
  /** Express's `trust proxy` setting, so the address is the client's behind a proxy. */
  trustProxy: boolean | number | string;
}

const WINDOW_MS = 60_000;

export function createSocketLimits(opts: LimitOptions): SocketLimits {
  const trust = compileTrust(opts.trustProxy);
  const byUser = new Map<string, Set<string>>();
  // Handshakes per address in the current minute; the map is emptied every minute, so an
  // address is held at most that long.
  let attempts = new Map<string, number>();
  const timer = setInterval(() => (attempts = new Map()), WINDOW_MS);
  timer.unref();
  return {
    allowRequest(req, callback) {
      const address = proxyAddr(req, trust);
      const n = (attempts.get(address) ?? 0) + 1;
      attempts.set(address, n);
      callback(n > opts.connectsPerMinute ? 'too_many_connections' : null, n <= opts.connectsPerMinute);
    },
    admit(userId, socketId) {
      const held = byUser.get(userId) ?? new Set<string>();
      if (held.size >= opts.socketsPerUser) return false;
      held.add(socketId);
      byUser.set(userId, held);
      return true;
    },
    release(userId, socketId) {
      const held = byUser.get(userId);
      if (!held) return;
      held.delete(socketId);
      if (held.size === 0) byUser.delete(userId);
    },
    size: () => ({ users: byUser.size, addresses: attempts.size }),
    close: () => clearInterval(timer),
  };
}

function compileTrust(value: boolean | number | string): (addr: string, i: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === 'number') return (_addr, i) => i < value;
  return proxyAddr.compile(value.split(',').map((s) => s.trim()).filter(Boolean));
}
