// Entry point: `npm start` (all services) or `--services=api|worker|all` / HERALDO_SERVICES.
import { loadConfig, loadDotEnv } from './config.js';
import { startHeraldo } from './heraldo.js';
import { createLogger } from './logger.js';

loadDotEnv();
const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    // What to set, in plain words, not a stack trace.
    console.error((err as Error).message);
    process.exit(1);
  }
})();
const logger = createLogger(config.logLevel);
logger.info({ services: config.services, env: config.env }, 'starting Heraldo');

const node = await startHeraldo(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'Heraldo failed to start');
  process.exit(1);
});
// A parent that started this process with an IPC channel (the fault tests, with PORT=0)
// learns that it is ready and where it listens.
process.send?.({ type: 'heraldo:ready', url: node.url ?? null });

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Every wait in stop() is bounded (heraldo.ts); this is the last resort.
    const force = setTimeout(() => {
      logger.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    node.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  });
}
