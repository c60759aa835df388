// Entry point: `npm start` (all services) or `--services=api|worker|all` / HERALDO_SERVICES.
import { loadConfig, loadDotEnv } from './config.js';
import { startHeraldo } from './heraldo.js';
import { createLogger } from './logger.js';

loadDotEnv();
const config = loadConfig();
const logger = createLogger(config.logLevel);
logger.info({ services: config.services, env: config.env }, 'starting Heraldo');

const node = await startHeraldo(config, logger).catch((err: unknown) => {
  logger.fatal({ err }, 'Heraldo failed to start');
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took over 30 s; exiting');
      process.exit(1);
    }, 30_000);
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
