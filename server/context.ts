// The long-lived parts one Heraldo process holds, built once from its config and handed to
// the services it runs. Tests build several side by side (one per simulated node).
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createPrisma, type PrismaClient } from './db/client.js';
import { createQueues, type Queues } from './delivery/queues.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createEmitter, type RealtimeEmitter } from './realtime/emitter.js';
import { createRedis } from './redis.js';

export interface Context {
  config: Config;
  logger: Logger;
  prisma: PrismaClient;
  /** Commands (rate limits, health) and BullMQ producers share this connection. */
  redis: Redis;
  queues: Queues;
  emitter: RealtimeEmitter;
  metrics: Metrics;
  close(): Promise<void>;
}

export function createContext(config: Config, logger = createLogger(config.logLevel)): Context {
  const prisma = createPrisma(config.databaseUrl);
  const redis = createRedis(config.redisUrl, 'heraldo-main');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
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
    async close() {
      await queues.close();
      await prisma.$disconnect();
      redis.disconnect();
    },
  };
}
