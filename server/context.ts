// The long-lived parts one Heraldo process holds, built once from its config and handed to
// the services it runs. Tests build several side by side (one per simulated node).
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createPrisma, type PrismaClient } from './db/client.js';
import { createQueues, type Queues } from './delivery/queues.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createEmitter, type RealtimeEmitter } from './realtime/emitter.js';
import { closeRedis, createRedis } from './redis.js';
import { createServiceMonitor, withTimeout, type ServiceMonitor } from './services.js';

export interface Context {
  config: Config;
  logger: Logger;
  prisma: PrismaClient;
  /** Commands (rate limits, health), the realtime emitter and BullMQ producers share this
   *  connection. It fails fast while Redis is away (see redis.ts): callers get an error, and
   *  a request a 503, instead of waiting. */
  redis: Redis;
  queues: Queues;
  emitter: RealtimeEmitter;
  metrics: Metrics;
  /** Which backing services are away right now; logs each outage once. */
  services: ServiceMonitor;
  close(): Promise<void>;
}

/** Closing a queue waits on Redis; while it is away, give up after this long. */
const QUEUE_CLOSE_MS = 2_000;

export function createContext(config: Config, logger = createLogger(config.logLevel)): Context {
  const services = createServiceMonitor(logger);
  const prisma = createPrisma(config.databaseUrl, undefined, services);
  const redis = createRedis(config.redisUrl, 'heraldo-main', 'commands', services);
  const queues = createQueues(redis, config.redisPrefix);
  const emitter = createEmitter(redis, config.redisPrefix);
  return {
    config,
    logger,
    prisma,
    redis,
    queues,
    emitter,
    metrics: createMetrics(),
    services,
    async close() {
      await withTimeout(queues.close(), services.isDown('redis') ? 0 : QUEUE_CLOSE_MS);
      await closeRedis(redis);
      await prisma.$disconnect();
    },
  };
}
