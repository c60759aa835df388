// Who a single sign-on lets in. People are matched on their email address, and only when
// the identity provider vouches for it (email_verified): an unverified address could be
// anyone's, and matching on it would hand them that person's account.
import { SYSTEM_ACTOR } from '../audit/audit.js';
import type { PrismaClient } from '../db/client.js';
import { PeopleError, createUser, normalizeName } from '../people/index.js';
import type { OidcIdentity } from './oidc.js';

export type SsoRefusal = 'no_email' | 'unverified' | 'unknown' | 'deactivated';
export type SsoResult = { ok: true; userId: string; created: boolean } | { ok: false; reason: SsoRefusal };

export async function findSsoUser(db: PrismaClient, identity: OidcIdentity, options: { autoCreate: boolean }): Promise<SsoResult> {
  if (!identity.email) return { ok: false, reason: 'no_email' };
  if (!identity.emailVerified) return { ok: false, reason: 'unverified' };
  // Emails are stored lower-case, so this is the case-insensitive match.
  const email = identity.email.toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, active: true } });
  if (user) return user.active ? { ok: true, userId: user.id, created: false } : { ok: false, reason: 'deactivated' };
  if (!options.autoCreate) return { ok: false, reason: 'unknown' };
  try {
    // An employee in no department, without a password or an invitation: the identity
    // provider is how they sign in. Heraldo itself is the actor (nobody asked for it by hand).
    const { user: created } = await db.$transaction((tx) =>
      createUser(tx, SYSTEM_ACTOR, { email, name: normalizeName(identity.name ?? '') ?? email.split('@')[0]!, role: 'employee', invite: false }),
    );
    return { ok: true, userId: created.id, created: true };
  } catch (err) {
    // Two first sign-ins of the same person at once: the other one created them.
    if (err instanceof PeopleError && err.code === 'conflict') return findSsoUser(db, identity, { autoCreate: false });
    throw err;
  }
}
