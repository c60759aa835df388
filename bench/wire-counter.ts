// Counting what the hub asks of Postgres and Redis, at the wire: a TCP proxy between the hub
// and each server that parses the client-to-server stream (the answers are piped untouched).
// pg_stat_statements is not loaded on this machine and INFO commandstats is shared with
// anybody else using the same Redis, so this is the exact count for the hub alone.
import net from 'node:net';

export interface WireCounts { total: number; byKind: Record<string, number>; connections: number; bytesIn: number }

/** Feeds one connection's client-to-server bytes; calls `count` once per statement/command. */
type Parser = (chunk: Buffer) => void;

export interface WireCounter {
  port: number;
  snapshot(): WireCounts;
  close(): Promise<void>;
}

export async function startWireCounter(protocol: 'postgres' | 'redis', target: { host: string; port: number }): Promise<WireCounter> {
  const counts: WireCounts = { total: 0, byKind: {}, connections: 0, bytesIn: 0 };
  const count = (kind: string) => {
    counts.total++;
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const parse = protocol === 'postgres' ? postgresParser(count) : redisParser(count);
    client.on('data', (chunk: Buffer) => {
      counts.bytesIn += chunk.length;
      parse(chunk);
    });
    client.pipe(upstream);
    upstream.pipe(client);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    snapshot: () => ({ ...counts, byKind: { ...counts.byKind } }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function diffCounts(after: WireCounts, before: WireCounts): WireCounts {
  const byKind: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byKind)) {
    const d = v - (before.byKind[k] ?? 0);
    if (d) byKind[k] = d;
  }
  return { total: after.total - before.total, byKind, connections: after.connections - before.connections, bytesIn: after.bytesIn - before.bytesIn };
}

/** A statement's kind: its first words with literals and placeholders dropped, e.g. `INSERT INTO "Notification"`. */
export function statementKind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const table = /\b(?:FROM|INTO|UPDATE)\s+("?[\w.]+"?(?:\."?\w+"?)?)/i.exec(s)?.[1] ?? '';
  const verb = (/^\w+/.exec(s)?.[0] ?? '?').toUpperCase();
  return table ? `${verb} ${table.replace(/"?public"?\./, '')}` : s.slice(0, 40);
}

/**
 * Postgres frontend protocol: after the untyped startup (and SSLRequest) messages, every
 * message is a type byte and an int32 length. A statement runs at each Execute ('E', of the
 * portal bound from a parsed statement) and at each simple Query ('Q').
 */
function postgresParser(count: (kind: string) => void): Parser {
  let buf: Buffer = Buffer.alloc(0);
  let startup = true;
  const statements = new Map<string, string>(); // prepared statement name -> kind
  const portals = new Map<string, string>(); // portal name -> kind
  const cstring = (b: Buffer, at: number) => {
    const end = b.indexOf(0, at);
    return [b.toString('utf8', at, end), end + 1] as const;
  };
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (startup) {
        if (buf.length - at < 8) break;
        const len = buf.readInt32BE(at);
        if (buf.length - at < len) break;
        const code = buf.readInt32BE(at + 4);
        at += len;
        if (code !== 80877103 && code !== 80877104) startup = false; // SSL/GSS requests come before the real startup
        continue;
      }
      if (buf.length - at < 5) break;
      const type = String.fromCharCode(buf[at]!);
      const len = buf.readInt32BE(at + 1);
      if (buf.length - at < 1 + len) break;
      const body = buf.subarray(at + 5, at + 1 + len);
      at += 1 + len;
      if (type === 'P') {
        const [name, next] = cstring(body, 0);
        statements.set(name, statementKind(cstring(body, next)[0]));
      } else if (type === 'B') {
        const [portal, next] = cstring(body, 0);
        portals.set(portal, statements.get(cstring(body, next)[0]) ?? '?');
      } else if (type === 'E') {
        count(portals.get(cstring(body, 0)[0]) ?? '?');
      } else if (type === 'Q') {
        count(statementKind(cstring(body, 0)[0]));
      }
    }
    buf = at >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at));
  };
}

/**
 * RESP from client to server: each command is an array of bulk strings. The parser keeps
 * only the command name (upper-cased, as in INFO commandstats) and skips the arguments
 * without copying them.
 */
function redisParser(count: (kind: string) => void): Parser {
  let line = ''; // a header line being read ("*3" or "$5")
  let argsLeft = 0; // bulk strings left in the current command
  let skip = 0; // payload bytes (+CRLF) left to skip
  let wantName = false; // the next bulk string is the command name
  let name = '';
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        if (wantName) name += chunk.toString('latin1', i, i + n);
        skip -= n;
        i += n;
        if (skip === 0 && wantName) {
          wantName = false;
          count(name.slice(0, -2).toUpperCase());
        }
        continue;
      }
      const nl = chunk.indexOf(10, i);
      if (nl < 0) {
        line += chunk.toString('latin1', i);
        return;
      }
      line += chunk.toString('latin1', i, nl);
      i = nl + 1;
      const header = line.trim();
      line = '';
      if (header.startsWith('*')) {
        argsLeft = Number(header.slice(1));
        wantName = true;
        name = '';
      } else if (header.startsWith('$')) {
        skip = Number(header.slice(1)) + 2;
        argsLeft--;
      } else if (header && argsLeft <= 0) {
        count(header.split(' ')[0]!.toUpperCase()); // an inline command
      }
    }
  };
}

export interface CountedServices { databaseUrl: string; redisUrl: string; pg: WireCounter; redis: WireCounter; close(): Promise<void> }

/** Both counters, and the URLs that route a hub through them. */
export async function countedServices(databaseUrl: string, redisUrl: string): Promise<CountedServices> {
  const pgUrl = new URL(databaseUrl);
  const rUrl = new URL(redisUrl);
  const pg = await startWireCounter('postgres', { host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const redis = await startWireCounter('redis', { host: rUrl.hostname, port: Number(rUrl.port || 6379) });
  pgUrl.host = `127.0.0.1:${pg.port}`;
  rUrl.host = `127.0.0.1:${redis.port}`;
  return {
    databaseUrl: pgUrl.toString(),
    redisUrl: rUrl.toString(),
    pg,
    redis,
    close: async () => {
      await pg.close();
      await redis.close();
    },
  };
}
