// The load generator: a separate Node process (forked by the runner, IPC channel) holding N
// socket.io-client connections, websocket only, and timing every `notification` received.
// Per connection it keeps only the socket; receipts go into one preallocated array per
// announcement. Messages (see LoadCommand / LoadEvent in load-client.ts):
//   connect {url, tokens, batch}  -> connected {ok, failed, errors, ms}
//   expect {count}                -> complete {key, at} when `count` receipts of `key` are in
//   collect                       -> samples {byKey, payloads}   (and forgets them)
//   disconnect                    -> disconnected
import { io, type Socket } from 'socket.io-client';
import type { LoadCommand, LoadEvent } from './load-client.js';
import { now } from './util.js';

const send = (e: LoadEvent) => process.send!(e);

let sockets: Socket[] = [];
let expected = Infinity;
let disconnects = 0;
interface Receipts { times: Float64Array; n: number; completeSent: boolean }
let receipts = new Map<string, Receipts>();
let payloads = new Map<string, unknown>();

function onNotification(n: { announcementId?: string }): void {
  const at = now();
  const key = n.announcementId ?? '?';
  let r = receipts.get(key);
  if (!r) {
    r = { times: new Float64Array(Math.max(sockets.length, 16)), n: 0, completeSent: false };
    receipts.set(key, r);
    payloads.set(key, n);
  }
  if (r.n === r.times.length) {
    const grown = new Float64Array(r.times.length * 2);
    grown.set(r.times);
    r.times = grown;
  }
  r.times[r.n++] = at;
  if (!r.completeSent && r.n >= expected) {
    r.completeSent = true;
    send({ type: 'complete', key, at });
  }
}

function connectOne(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], upgrade: false, reconnection: false, forceNew: true, timeout: 60_000 });
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    socket.on('notification', onNotification);
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') disconnects++;
    });
  });
}

async function connectAll(url: string, tokens: string[], batch: number): Promise<void> {
  const started = now();
  let failed = 0;
  const errors = new Map<string, number>();
  for (let i = 0; i < tokens.length; i += batch) {
    const results = await Promise.allSettled(tokens.slice(i, i + batch).map((t) => connectOne(url, t)));
    for (const r of results) {
      if (r.status === 'fulfilled') sockets.push(r.value);
      else {
        failed++;
        const msg = (r.reason as Error).message;
        errors.set(msg, (errors.get(msg) ?? 0) + 1);
      }
    }
  }
  send({ type: 'connected', ok: sockets.length, failed, errors: Object.fromEntries(errors), ms: now() - started });
}

process.on('message', (cmd: LoadCommand) => {
  switch (cmd.type) {
    case 'connect':
      void connectAll(cmd.url, cmd.tokens, cmd.batch);
      break;
    case 'expect':
      expected = cmd.count;
      break;
    case 'collect': {
      const byKey: Record<string, Float64Array> = {};
      for (const [k, r] of receipts) byKey[k] = r.times.slice(0, r.n);
      send({ type: 'samples', byKey, payloads: Object.fromEntries(payloads), disconnects });
      receipts = new Map();
      payloads = new Map();
      break;
    }
    case 'disconnect':
      for (const s of sockets) s.disconnect();
      sockets = [];
      disconnects = 0;
      expected = Infinity;
      send({ type: 'disconnected' });
      break;
  }
});

process.on('disconnect', () => process.exit(0)); // the runner went away
send({ type: 'ready', pid: process.pid });
