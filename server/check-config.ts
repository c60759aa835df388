// `npm start` runs this first: a configuration that cannot start in production stops here,
// in a line that says what to set, rather than after a full build.
import { loadConfig, loadDotEnv } from './config.js';

loadDotEnv();
try {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production' });
  console.log(`Configuration ok: Heraldo will serve ${config.publicUrl} (port ${config.port}).`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
