import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';
import type { ServiceMonitor } from '../services.js';

export { Prisma } from './generated/client.js';
export { PrismaClient };
/** What a write function takes: the client itself or an interactive transaction. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrisma(databaseUrl: string, poolSize = 10, monitor?: ServiceMonitor): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // A connection cut just as the pool hands it out (Postgres restarting, pg_terminate_backend)
  // can report the cut before its taker listens for errors, and an unheard 'error' event
  // crashes the process. Every connection gets a listener of its own: the pool still drops
  // it, and the query that used it still fails with the error (answered 503).
  pool.on('connect', (client) => client.on('error', () => {}));
  if (monitor) watchConnects(pool, monitor);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** Postgres is away when the pool cannot open a connection, and back when it can: every
 *  query (Prisma's included) takes its connection through `pool.connect`. A connection cut
 *  while Postgres stays up (pg_terminate_backend) is no outage: the next connect works. */
function watchConnects(pool: pg.Pool, monitor: ServiceMonitor): void {
  const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => unknown;
  const report = (err: Error | undefined) => {
    if (!err) monitor.ok('postgres', 'pool');
    else if (isConnectionFailure(err)) monitor.failed('postgres', 'pool', err);
  };
  (pool as { connect: unknown }).connect = (cb?: (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void) => {
    if (cb) return connect((err, client, done) => (report(err), cb(err, client, done)));
    return (connect() as Promise<pg.PoolClient>).then(
      (client) => (report(undefined), client),
      (err: Error) => {
        report(err);
        throw err;
      },
    );
  };
}

/** Failures to reach or be let into Postgres, as opposed to a query's own errors. */
function isConnectionFailure(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return /^(E[A-Z]+|08...|57P0[123]|53300|28...|3D000)$/.test(code);
  return /timeout|terminated|closed|connect/i.test(err.message);
}
