// Every environment variable Heraldo reads, parsed once. README's "Configuration" table is
// this file in prose; keep the two together.
import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Entry points call this: a `.env` in the working directory fills in what the environment lacks. */
export function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** `true` / `false` (any case), or the default when unset; anything else is a start-up error. */
function flag(fallback: boolean, name: string) {
  return optional.pipe(
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return fallback;
        if (/^true$/i.test(v)) return true;
        if (/^false$/i.test(v)) return false;
        ctx.addIssue({ code: 'custom', message: `${name} must be true or false` });
        return z.NEVER;
      }),
  );
}

const ServicesSchema = z
  .string()
  .default('all')
  .transform((raw) => {
    const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const all = names.includes('all');
    return { api: all || names.includes('api'), worker: all || names.includes('worker') };
  })
  .refine((s) => s.api || s.worker, 'HERALDO_SERVICES must name api, worker or all');

/** IMAGE_HOSTS: comma-separated https origins whose images the app may show (the CSP's
 *  `img-src`, besides this site and data: URLs); unset, none. */
const ImageHostsSchema = optional.transform((raw, ctx) => {
  const origins: string[] = [];
  for (const item of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(item);
    } catch {
      // reported below
    }
    if (!url || url.protocol !== 'https:' || url.origin + '/' !== url.href.replace(/\/?$/, '/') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: `IMAGE_HOSTS: "${item}" is not an https origin such as https://images.example.com` });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return [...new Set(origins)];
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().default('postgresql://postgres@127.0.0.1:5432/heraldo'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel, so several Heraldos (or test files) share a Redis. */
  HERALDO_REDIS_PREFIX: z.string().default('heraldo'),
  HERALDO_SERVICES: ServicesSchema,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optional,
  /** Vite's port under `npm run dev` (web/vite.config.ts reads it too). */
  WEB_PORT: z.coerce.number().int().min(1).max(65535).default(5173),
  SESSION_SECRET: optional,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 7),
  SMTP_URL: optional,
  MAIL_FROM: z.string().default('Heraldo <heraldo@localhost>'),
  SLACK_BOT_TOKEN: optional,
  SLACK_API_URL: z.string().default('https://slack.com/api/'),
  SLACK_COMPANY_CHANNEL: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often the dispatcher looks for announcements left marked "to fan out". */
  DISPATCH_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
  /** First wait before re-sending a failed email or Slack post; it doubles with each attempt. */
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  /** Express's `trust proxy`: which proxies may say, in X-Forwarded-For, who the client is. */
  TRUST_PROXY: optional,
  /** Sockets one person may hold open on one api node, and socket handshakes one address may
   *  start on one api node per minute. */
  SOCKETS_PER_USER: z.coerce.number().int().min(1).default(20),
  SOCKET_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SEED_PASSWORD: z.string().default('heraldo-demo'),
  /** Single sign-on (OpenID Connect): on when issuer, client id and secret are all set. */
  OIDC_ISSUER: optional.pipe(z.url({ protocol: /^https?$/, message: 'OIDC_ISSUER must be the issuer URL, e.g. https://login.example.com/realms/acme' }).optional()),
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().trim().min(1).max(60).default('Single sign-on'),
  OIDC_AUTO_CREATE: flag(false, 'OIDC_AUTO_CREATE'),
  PASSWORD_LOGIN: flag(true, 'PASSWORD_LOGIN'),
  IMAGE_HOSTS: ImageHostsSchema,
});

export type Config = ReturnType<typeof loadConfig>;

/** TRUST_PROXY as Express takes it: true/false, a hop count, or addresses and subnets
 *  (`loopback`, `10.0.0.0/8, 192.168.1.1`). Unset: trust none, the peer is the client. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || /^false$/i.test(value)) return false;
  if (/^true$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** What `npm start` (and the server in production) says when the secret is missing: one line
 *  that tells what to set. */
export const SESSION_SECRET_HINT =
  'SESSION_SECRET is not set (or shorter than 16 characters); production needs it. Set it, e.g. `export SESSION_SECRET=$(openssl rand -hex 32)` or a line in .env, and start again.';

export function loadConfig(env: Record<string, string | undefined> = process.env, argv: readonly string[] = process.argv) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const servicesFlag = argv.find((a) => a.startsWith('--services='));
  const services = servicesFlag ? ServicesSchema.parse(servicesFlag.slice('--services='.length)) : e.HERALDO_SERVICES;
  if (e.NODE_ENV === 'production' && (e.SESSION_SECRET?.length ?? 0) < 16) {
    throw new Error(SESSION_SECRET_HINT);
  }
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new Error('Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together');
  }
  // With neither passwords nor single sign-on, nobody could sign in.
  if (!e.PASSWORD_LOGIN && !e.OIDC_ISSUER) throw new Error('PASSWORD_LOGIN=false needs single sign-on (OIDC_ISSUER, …)');
  // Under `npm run dev` people open Vite's server, which proxies the API: links in email and
  // Slack must lead there, not to the API port.
  const webDevServer = argv.includes('--web-dev-server');
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${webDevServer ? e.WEB_PORT : e.PORT}`;
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.HERALDO_REDIS_PREFIX,
    services,
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    sessionSecret: e.SESSION_SECRET ?? 'heraldo-development-secret',
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    slackToken: e.SLACK_BOT_TOKEN,
    slackApiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    slackCompanyChannel: e.SLACK_COMPANY_CHANNEL,
    logLevel: e.LOG_LEVEL,
    dispatchIntervalMs: e.DISPATCH_INTERVAL_MS,
    deliveryRetryBaseMs: e.DELIVERY_RETRY_BASE_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    socketsPerUser: e.SOCKETS_PER_USER,
    socketConnectsPerMinute: e.SOCKET_CONNECTS_PER_MINUTE,
    seedPassword: e.SEED_PASSWORD,
    passwordLogin: e.PASSWORD_LOGIN,
    imageHosts: e.IMAGE_HOSTS,
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, name: e.OIDC_NAME, autoCreate: e.OIDC_AUTO_CREATE }
      : null,
  };
}
