// Who is calling: a bearer token or the session cookie. Cookie-authenticated writes must also
// carry the CSRF token (double submit, bound to the session), since browsers send cookies
// on cross-site requests; bearer tokens are never sent implicitly, so they need none.
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor, findSessionUser, type SessionUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { readCookie } from './cookies.js';
import { HttpError, unauthorized } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    sessionToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(ctx: Context): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token) return next();
    const user = await findSessionUser(ctx.prisma, token);
    if (!user) return next();
    if (!bearer && !SAFE_METHODS.has(req.method)) {
      const sent = String(req.headers['x-csrf-token'] ?? '');
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

export const cookieNames = { session: SESSION_COOKIE, csrf: CSRF_COOKIE };
