// One Heraldo node: the api/realtime service, the workers, or both, from one config.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createContext, type Context } from './context.js';
import { startWorkers, type RunningWorkers } from './delivery/workers.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { createRealtime, type RealtimeServer } from './realtime/server.js';
import { whenReady } from './redis.js';
import { withTimeout } from './services.js';
import { loadTemplates } from './templates/index.js';

/** How long a stopping node lets requests in progress finish. */
const HTTP_CLOSE_MS = 5_000;

export interface Heraldo {
  ctx: Context;
  http?: Server;
  io?: RealtimeServer;
  workers?: RunningWorkers;
  /** Where the api listens (with port 0, the port the system chose). */
  url?: string;
  stop(): Promise<void>;
}

export async function startHeraldo(config: Config, logger?: Logger): Promise<Heraldo> {
  const ctx = createContext(config, logger);
  // Templates are compiled (and test-rendered) before anything starts: a broken one stops
  // the start with its file and line instead of failing jobs later.
  // Meanwhile the request-path Redis connection opens: it refuses commands until it is ready
  // (it fails fast, see redis.ts), so wait for it a moment before taking requests.
  const [templates] = await Promise.all([loadTemplates(), whenReady(ctx.redis)]);
  if (!config.smtpUrl) ctx.logger.info('email is off: SMTP_URL is not set');
  if (!config.slackToken) ctx.logger.info('Slack is off: SLACK_BOT_TOKEN is not set');

  const node: Heraldo = { ctx, stop: async () => {} };
  if (config.services.api) {
    const http = createServer(createApp(ctx, templates));
    node.io = createRealtime(http, ctx);
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, resolve);
    });
    node.http = http;
    node.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    ctx.logger.info({ url: node.url, publicUrl: config.publicUrl }, 'api and realtime listening');
  }
  if (config.services.worker) node.workers = startWorkers(ctx, templates);

  let stopped: Promise<void> | undefined;
  node.stop = () =>
    (stopped ??= (async () => {
      // Stop taking work first (no new connections, no new jobs), then finish what is running.
      // Every wait is bounded, so that a node stops promptly whatever state Postgres and Redis
      // are in (the workers bound their own wait for running jobs).
      const closing: Promise<unknown>[] = [];
      if (node.io) {
        const io = node.io;
        const http = node.http;
        closing.push(
          withTimeout(new Promise<void>((resolve) => io.close(() => resolve())), HTTP_CLOSE_MS).then((outcome) => {
            // Requests still running past the bound are cut: their clients may retry elsewhere.
            if (outcome === 'timed out') http?.closeAllConnections();
          }),
        );
      }
      if (node.workers) closing.push(node.workers.close());
      await Promise.all(closing);
      await ctx.close();
    })());
  return node;
}
