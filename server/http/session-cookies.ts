// The cookies of a signed-in browser, set in one place for every way of signing in
// (password, single sign-on), so they cannot drift apart.
import type { Response } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from '../auth/sessions.js';
import type { Config } from '../config.js';

/** SameSite=Lax: sent on top-level navigations back from another site (the identity
 *  provider's redirect), never on cross-site requests a page makes. */
export const cookieBase = (config: Pick<Config, 'secureCookies'>) => ({ path: '/', sameSite: 'lax' as const, secure: config.secureCookies });

export function setSessionCookies(res: Response, config: Pick<Config, 'secureCookies' | 'sessionSecret'>, session: { token: string; expiresAt: Date }): void {
  const base = cookieBase(config);
  res.cookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true, expires: session.expiresAt });
  // Readable by the page: it sends it back as X-CSRF-Token.
  res.cookie(CSRF_COOKIE, csrfTokenFor(session.token, config.sessionSecret), { ...base, httpOnly: false, expires: session.expiresAt });
}

export function clearSessionCookies(res: Response, config: Pick<Config, 'secureCookies'>): void {
  const base = cookieBase(config);
  res.clearCookie(SESSION_COOKIE, base).clearCookie(CSRF_COOKIE, base);
}
