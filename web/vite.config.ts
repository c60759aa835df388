// Vite config for the Heraldo web client. Run from the repository root:
//   npx vite build --config web/vite.config.ts     (→ web/dist)
//   npx vite --config web/vite.config.ts           (dev server on :$WEB_PORT or 5173, proxies the API on :$PORT)
// The `test` block lets `npx vitest run --config web/vite.config.ts` run the component tests.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
// PORT and WEB_PORT as the server sees them: the environment, else the .env it reads (in the
// repository root), read here without changing this process's environment.
const env = { ...(existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {}), ...process.env };
const apiTarget = `http://127.0.0.1:${env.PORT ?? '3000'}`;
const webPort = Number(env.WEB_PORT ?? 5173);

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    port: webPort,
    // The server's PUBLIC_URL points at this port (`npm run dev`): never drift to another one.
    strictPort: true,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
