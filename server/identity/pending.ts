// The state, nonce and PKCE verifier of a sign-in in progress travel in a short-lived cookie,
// signed with SESSION_SECRET, so that any api node can finish a sign-in another node began
// and nothing is stored server-side. Signed, not encrypted: none of the three is a secret
// once the browser is back (the verifier is useless without the one-time code, which the
// provider gives only to our redirect URI).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PendingSignIn } from './oidc.js';

export const PENDING_COOKIE = 'heraldo_oidc';
/** Long enough to type a password and a second factor at the provider. */
export const PENDING_TTL_MS = 10 * 60_000;

const mac = (payload: string, secret: string) => createHmac('sha256', secret).update(`oidc-pending:${payload}`).digest('base64url');

export function sealPending(pending: PendingSignIn, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...pending, exp: now + PENDING_TTL_MS })).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The pending sign-in, or null when the cookie is missing, altered or expired. */
export function openPending(value: string | undefined, secret: string, now = Date.now()): PendingSignIn | null {
  if (!value || value.length > 2000) return null;
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const payload = value.slice(0, dot);
  const sent = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(payload, secret));
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof p.exp !== 'number' || p.exp <= now) return null;
    if (typeof p.state !== 'string' || typeof p.nonce !== 'string' || typeof p.codeVerifier !== 'string') return null;
    return { state: p.state, nonce: p.nonce, codeVerifier: p.codeVerifier };
  } catch {
    return null;
  }
}
