// Single sign-on routes: which ways of signing in are on, the start of an OpenID Connect
// sign-in (302 to the provider) and its end (the provider's redirect back here).
import { Router, type Request, type Response } from 'express';
import { createSession } from '../../../auth/sessions.js';
import type { Context } from '../../../context.js';
import { OidcUnavailableError, createOidcClient, type OidcClient } from '../../../identity/oidc.js';
import { PENDING_COOKIE, PENDING_TTL_MS, openPending, sealPending } from '../../../identity/pending.js';
import { findSsoUser } from '../../../identity/sign-in.js';
import { readCookie } from '../../cookies.js';
import { notFound } from '../../errors.js';
import { cookieBase, setSessionCookies } from '../../session-cookies.js';
import { sendRefusal } from './oidc-page.js';

const CALLBACK_PATH = '/api/auth/oidc/callback';

export function oidcRoutes(ctx: Context): Router {
  const router = Router();
  const settings = ctx.config.oidc;
  const oidc: OidcClient | null = settings ? createOidcClient(settings, ctx.config.env, ctx.logger) : null;
  const redirectUri = new URL(CALLBACK_PATH, ctx.config.publicUrl).href;
  // Only the callback needs the pending cookie: keep it off every other request.
  const pendingCookie = { ...cookieBase(ctx.config), path: CALLBACK_PATH, httpOnly: true };

  router.get('/api/auth/providers', (_req, res) => {
    res.json({ password: ctx.config.passwordLogin, oidc: oidc ? { name: oidc.name } : null });
  });

  const requireOidc = () => {
    if (!oidc) throw notFound('Single sign-on is not configured');
    return oidc;
  };

  router.get('/api/auth/oidc/login', async (req, res) => {
    const client = requireOidc();
    try {
      const { url, pending } = await client.begin(redirectUri);
      res.cookie(PENDING_COOKIE, sealPending(pending, ctx.config.sessionSecret), { ...pendingCookie, maxAge: PENDING_TTL_MS });
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, url.href);
    } catch (err) {
      if (err instanceof OidcUnavailableError) return sendRefusal(req, res, 'unavailable');
      throw err;
    }
  });

  router.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    const client = requireOidc();
    // Used once, whatever happens next.
    res.clearCookie(PENDING_COOKIE, pendingCookie);
    const pending = openPending(readCookie(req.headers.cookie, PENDING_COOKIE), ctx.config.sessionSecret);
    if (!pending) return sendRefusal(req, res, 'expired');
    // The URL the provider redirected to, as the provider saw it (behind a proxy req.url is
    // not the public address): the redirect URI plus the query it added.
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const callbackUrl = new URL(redirectUri + query);
    let identity;
    try {
      identity = await client.complete(callbackUrl, pending);
    } catch (err) {
      if (err instanceof OidcUnavailableError) return sendRefusal(req, res, 'unavailable');
      // A changed state, a replayed or foreign code, a wrong nonce, a bad signature, or the
      // person cancelling at the provider: all end here, and nothing is signed in.
      return sendRefusal(req, res, callbackUrl.searchParams.get('state') !== pending.state ? 'expired' : 'rejected');
    }
    const found = await findSsoUser(ctx.prisma, identity, { autoCreate: settings!.autoCreate });
    if (!found.ok) {
      ctx.logger.info({ reason: found.reason, subject: identity.subject }, 'single sign-on refused');
      return sendRefusal(req, res, found.reason, identity.email ?? '');
    }
    const session = await createSession(ctx.prisma, found.userId, ctx.config.sessionTtlMs);
    setSessionCookies(res, ctx.config, session);
    ctx.logger.info({ userId: found.userId, method: 'oidc', created: found.created }, 'signed in');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, '/');
  });

  return router;
}
