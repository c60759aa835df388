import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.js';

export { Prisma } from './generated/client.js';
export { PrismaClient };
/** What a write function takes: the client itself or an interactive transaction. */
export type Db = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export function createPrisma(databaseUrl: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // A connection cut just as the pool hands it out (Postgres restarting, pg_terminate_backend)
  // can report the cut before its taker listens for errors, and an unheard 'error' event
  // crashes the process. Every connection gets a listener of its own: the pool still drops
  // it, and the query that used it still fails with the error (answered 503).
  pool.on('connect', (client) => client.on('error', () => {}));
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}
