// Variant "autopipeline": server/redis.ts with ioredis auto-pipelining on the hub's main
// connection (the one the socket.io emitter publishes on): commands issued in the same tick
// go out in one write instead of one write each.
import { Redis } from 'ioredis';

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false, enableAutoPipelining: name === 'heraldo-main' });
}
