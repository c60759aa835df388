// The production build and image, as far as this machine can test them (it has no Docker
// engine): the compose file as Debian's docker-compose reads it, what .dockerignore keeps out,
// what the Dockerfile says, and the compiled server (tsconfig.build.json) starting from
// JavaScript, finding its templates and migrations, answering /healthz, stopping on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { PASSWORD, waitUntil } from '../support/harness.js';
import { freePort } from '../support/processes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Debian's `docker-compose` (v1). CI installs it (.ci/run); a developer may not have it. */
function composeBinary(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = path.join(dir, 'docker-compose');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}
const compose = composeBinary();
if (!compose && process.env.CI) throw new Error('CI must validate docker-compose.yml: install docker-compose (apt-get install docker-compose)');
if (!compose) console.warn('tests/ops/image: docker-compose is not installed here; skipping the compose checks (apt-get install docker-compose)');

async function composeConfig(env: Record<string, string>, ...args: string[]) {
  return run(compose!, ['-f', 'docker-compose.yml', 'config', ...args], {
    cwd: ROOT,
    // Only what compose needs: a SESSION_SECRET in the test's own environment must not leak in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
  );
}

describe.skipIf(!compose)('docker-compose.yml (validated by docker-compose config)', () => {
  it('refuses to start without SESSION_SECRET, saying what to set', async () => {
    const out = await composeConfig({});
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/set SESSION_SECRET/);
  });

  it('runs api and worker as separate services from one image, with migrations once before them', async () => {
    const secret = 'a-secret-for-the-compose-test-0123456789';
    const out = await composeConfig({ SESSION_SECRET: secret });
    expect(out.stderr).not.toMatch(/ERROR/);
    expect(out.code).toBe(0);
    const services = (await composeConfig({ SESSION_SECRET: secret }, '--services')).stdout.trim().split('\n').sort();
    expect(services).toEqual(['api', 'mailpit', 'migrate', 'postgres', 'redis', 'worker']);
    const config = out.stdout;
    expect(config).toContain('--services=api');
    expect(config).toContain('--services=worker');
    expect(config).toContain('dist/server/db/migrate.js');
    expect(config).toContain('condition: service_completed_successfully');
    // The secret comes from the operator, for every Heraldo service, and there is no default.
    expect(config.match(new RegExp(`SESSION_SECRET: ${secret}`, 'g'))).toHaveLength(3);
    expect(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/SESSION_SECRET:-|change-me/);
  });
});

describe('.dockerignore and Dockerfile', () => {
  const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('keeps secrets, host builds and dependencies out of the build context, and the sources in', () => {
    for (const p of ['.env', '.env.*', 'node_modules', 'dist', 'web/dist', 'server/db/generated', '.git']) expect(ignored).toContain(p);
    expect(ignored).toContain('!.env.example');
    for (const needed of ['server', 'web', 'web/src', 'templates', 'prisma', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'prisma.config.ts']) {
      expect(ignored, needed).not.toContain(needed);
    }
  });

  it('builds in one stage and runs Node 24 with production dependencies only, as a non-root user, with a health check', () => {
    const stages = dockerfile.match(/^FROM /gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    // Without the optional peers either: the Prisma CLI (and its Studio, React, TypeScript).
    expect(dockerfile).toMatch(/npm ci --omit=dev --omit=optional /);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(dockerfile).toMatch(/exec node dist\/server\/main\.js/);
    // The final stage copies node_modules only from the production-dependencies stage.
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/COPY --from=deps \/app\/node_modules/);
    expect(final).not.toMatch(/npm ci(?! --omit=dev)/);
  });
});

describe('the compiled server', () => {
  // Inside the project (node_modules/.cache), as dist/ is: packages and the project root are
  // found by walking up. Not dist/ itself, which a developer's `npm start` may be using.
  const out = path.join(ROOT, 'node_modules/.cache/heraldo-ops-build');
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    db = await createTestDatabase(inject('testRun'));
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await db?.drop();
  });

  it('compiles with tsconfig.build.json, starts with plain node, answers /healthz and signs in, stops on SIGTERM', { timeout: 300_000 }, async () => {
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out, '--sourceMap', 'false'], { cwd: ROOT }).catch(
      (err: { stdout?: string }) => {
        throw new Error(`the server does not build:\n${err.stdout ?? String(err)}`);
      },
    );
    const main = path.join(out, 'server/main.js');
    expect(existsSync(main)).toBe(true);
    expect(existsSync(path.join(out, 'server/db/migrate.js'))).toBe(true);

    const port = await freePort();
    // From another working directory, in production mode: nothing may depend on the cwd.
    const child = spawn(process.execPath, [main], {
      cwd: '/',
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        SESSION_SECRET: 'compiled-server-test-secret-0123456789',
        DATABASE_URL: db.url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        HERALDO_REDIS_PREFIX: `ops-build-${Date.now().toString(36)}`,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitUntil(async () => {
        if (child.exitCode !== null) throw new Error(`the compiled server exited:\n${output}`);
        return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      }, 60_000, 'the compiled server to answer /healthz');
      await waitUntil(async () => (await fetch(`${url}/readyz`)).status === 200, 20_000, 'the compiled server to be ready');
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'alice@heraldo.test', password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      expect(output).toContain('"env":"production"');
      expect(output).toContain('workers started'); // templates compiled from templates/ at the root
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
