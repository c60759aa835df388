// Who is calling: a bearer token or the session cookie. Cookie-authenticated writes must also
// carry the CSRF token (double submit, bound to the session), since browsers send cookies
// on cross-site requests; bearer tokens are never sent implicitly, so they need none.
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor, findSessionUser, type SessionUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { authenticateApiKey, hasScope, looksLikeApiKey, type ApiKeyPrincipal, type ApiKeyScope } from '../integrations/api-keys.js';
import { readCookie } from './cookies.js';
import { HttpError, forbidden, unauthorized } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    sessionToken?: string;
    /** Set when the caller is another system with an API key (`Bearer hk_…`). */
    apiKey?: ApiKeyPrincipal;
  }
}

/**
 * The only /api routes an API key may call, and the scope each needs. Every other /api
 * route, including any added later, refuses keys with 403: a new route is closed to keys
 * until it is listed here. Paths outside /api (SCIM at /scim/v2) check keys themselves
 * with `requireApiKeyScope`.
 */
const API_KEY_ROUTES: ReadonlyArray<{ method: string; path: string; scope: ApiKeyScope | null }> = [
  { method: 'POST', path: '/api/announcements', scope: 'announcements:write' },
  { method: 'POST', path: '/api/integrations/alertmanager', scope: 'announcements:write' },
  { method: 'GET', path: '/api/departments', scope: null },
];

/** Express matches paths case-insensitively and with or without a trailing slash. */
const routeKey = (path: string) => path.toLowerCase().replace(/(.)\/+$/, '$1');

/** 403 unless this key may call this /api route (null: not an /api route, no rule here). */
function apiKeyRefusal(req: Request, key: ApiKeyPrincipal): HttpError | null {
  const path = routeKey(req.path);
  if (path !== '/api' && !path.startsWith('/api/')) return null;
  const rule = API_KEY_ROUTES.find((r) => r.method === req.method && r.path === path);
  if (!rule) return forbidden('API keys may not call this route');
  if (rule.scope && !hasScope(key, rule.scope)) return new HttpError(403, 'insufficient_scope', `This API key lacks the scope ${rule.scope}`);
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(ctx: Context): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token) return next();
    if (bearer && looksLikeApiKey(bearer)) {
      const key = await authenticateApiKey(ctx.prisma, bearer);
      const onApi = /^\/api(\/|$)/i.test(req.path);
      // Unknown and revoked keys are refused at once on /api; elsewhere (SCIM) the route
      // answers in its own error format.
      if (!key) return next(onApi ? new HttpError(401, 'unauthorized', 'Unknown or revoked API key') : undefined);
      req.apiKey = key;
      return next(apiKeyRefusal(req, key) ?? undefined);
    }
    const user = await findSessionUser(ctx.prisma, token);
    if (!user) return next();
    if (!bearer && !SAFE_METHODS.has(req.method)) {
      // X-XSRF-TOKEN is the same token under the name axios uses (the queue dashboard's client).
      const sent = String(req.headers['x-csrf-token'] ?? req.headers['x-xsrf-token'] ?? '');
      const expected = csrfTokenFor(token, ctx.config.sessionSecret);
      if (sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
        return next(new HttpError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header (send the heraldo_csrf cookie value)'));
      }
    }
    req.user = user;
    req.sessionToken = token;
    next();
  };
}

export function requireUser(req: Request): SessionUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** Who is calling a route open to both people and keys. */
export type Caller = { type: 'user'; user: SessionUser } | { type: 'apiKey'; key: ApiKeyPrincipal };

export function requireCaller(req: Request): Caller {
  if (req.apiKey) return { type: 'apiKey', key: req.apiKey };
  return { type: 'user', user: requireUser(req) };
}

/** The calling key, if it has `scope`: 401 without a key, 403 without the scope. */
export function requireApiKeyScope(req: Request, scope: ApiKeyScope): ApiKeyPrincipal {
  if (!req.apiKey) throw new HttpError(401, 'unauthorized', 'This route needs an API key (Authorization: Bearer hk_…)');
  if (!hasScope(req.apiKey, scope)) throw new HttpError(403, 'insufficient_scope', `This API key lacks the scope ${scope}`);
  return req.apiKey;
}

export const cookieNames = { session: SESSION_COOKIE, csrf: CSRF_COOKIE };
