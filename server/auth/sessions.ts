// Opaque session tokens: 32 random bytes handed to the client once, stored only as SHA-256.
// The same token works as the `heraldo_session` cookie and as `Authorization: Bearer`.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Role } from '../db/generated/enums.js';

export const SESSION_COOKIE = 'heraldo_session';
export const CSRF_COOKIE = 'heraldo_csrf';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  timezone: string;
  sessionId: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token is bound to the session token, so it needs no storage of its own. */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export async function createSession(db: Db, userId: string, ttlMs: number) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

const sessionSelect = {
  id: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { id: true, email: true, name: true, role: true, locale: true, timezone: true, active: true } },
} as const;

type SessionRow = { id: string; expiresAt: Date; revokedAt: Date | null; user: Omit<SessionUser, 'sessionId' | 'expiresAt'> & { active: boolean } };

function toSessionUser(session: SessionRow | null): SessionUser | null {
  // A deactivated person's sessions stop working at once, whatever their expiry.
  if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.user.active) return null;
  const { active: _active, ...user } = session.user;
  return { ...user, sessionId: session.id, expiresAt: session.expiresAt };
}

/** The user behind a token, or null when it is unknown, expired or revoked. */
export async function findSessionUser(db: Db, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  return toSessionUser(await db.session.findUnique({ where: { tokenHash: hashToken(token) }, select: sessionSelect }));
}

/** The users behind many token hashes in one statement (socket handshakes, session-cache.ts);
 *  unknown, expired and revoked ones are left out. A join, not a relation select, so that a
 *  batch costs one round trip and little of Prisma's own work. */
export async function findSessionUsers(db: Db, tokenHashes: string[]): Promise<Map<string, SessionUser>> {
  const rows = await db.$queryRaw<(SessionUser & { tokenHash: string; revokedAt: Date | null; active: boolean })[]>`
    SELECT s."tokenHash", s.id AS "sessionId", s."expiresAt", s."revokedAt",
           u.id, u.email, u.name, u.role::text AS role, u.locale, u.timezone, u.active
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s."tokenHash" = ANY(${tokenHashes}::text[])`;
  const found = new Map<string, SessionUser>();
  for (const r of rows) {
    const user = toSessionUser({
      id: r.sessionId,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      user: { id: r.id, email: r.email, name: r.name, role: r.role, locale: r.locale, timezone: r.timezone, active: r.active },
    });
    if (user) found.set(r.tokenHash, user);
  }
  return found;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
}
