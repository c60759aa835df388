// Set-password tokens: how an invited person (created without a password) chooses one.
// The token is 32 random bytes shown once, in the invitation email; Postgres keeps only its
// SHA-256. It works once, for 7 days.
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import type { Db, PrismaClient } from '../db/client.js';
import { PeopleError } from './errors.js';
import { checkPassword } from './fields.js';

export const TOKEN_TTL_MS = 7 * 24 * 3600_000;

/** What the invitation email needs; the raw token lives only here and in the queued job. */
export interface Invitation { tokenId: string; userId: string; token: string; expiresAt: string }

export const hashResetToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashResetToken(token) };
}

/** A fresh token for `userId`, in the caller's transaction. */
export async function issuePasswordToken(tx: Db, userId: string): Promise<Invitation> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  const row = await tx.passwordToken.create({ data: { userId, tokenHash, expiresAt }, select: { id: true } });
  return { tokenId: row.id, userId, token, expiresAt: expiresAt.toISOString() };
}

const invalidToken = () => new PeopleError('invalid_token', 'This link is not valid any more: it was used, it expired, or it never existed. Ask an admin for a new invitation.');

/**
 * Sets the password of the token's owner and uses the token up, in one transaction: of two
 * requests with the same token, exactly one succeeds (the conditional UPDATE serializes them).
 * Every other open token of that person is used up too, so an older invitation cannot reset
 * the password later. Returns the person's email (the sign-in page fills it in).
 */
export async function setPasswordWithToken(db: PrismaClient, token: string, password: string): Promise<{ email: string }> {
  checkPassword(password);
  // Hashing takes ~50 ms of CPU: do it before holding any lock.
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const used = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE "PasswordToken" t SET "usedAt" = now()
      FROM "User" u
      WHERE t."tokenHash" = ${hashResetToken(token)} AND t."usedAt" IS NULL AND t."expiresAt" > now()
        AND u.id = t."userId" AND u.active
      RETURNING t."userId"::text AS "userId"`;
    const userId = used[0]?.userId;
    if (!userId) throw invalidToken();
    await tx.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    const user = await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { email: true } });
    return { email: user.email };
  });
}

/** For the invitation worker: the person to write to, or null when the token is no longer
 *  usable (used, expired, the person deactivated): then nothing is sent. */
export async function loadInvitation(db: Db, tokenId: string, token: string) {
  const row = await db.passwordToken.findUnique({
    where: { id: tokenId },
    select: { tokenHash: true, usedAt: true, expiresAt: true, user: { select: { name: true, email: true, locale: true, timezone: true, active: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date() || !row.user.active || row.tokenHash !== hashResetToken(token)) return null;
  return { user: row.user, expiresAt: row.expiresAt };
}
