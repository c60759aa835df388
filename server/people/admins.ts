// "The last active admin cannot be demoted or deactivated", safe under concurrency.
import type { Db } from '../db/client.js';
import { PeopleError } from './errors.js';

/**
 * Locks every active admin's row (in id order, so two callers never wait on each other in a
 * cycle) and returns their ids. Call it first in a transaction that may change an admin's role
 * or active flag, before touching any other user row. Two concurrent demotions of the last two
 * admins then run one after the other: the second one's lock re-reads the rows, sees the first
 * one's change, and finds one admin left.
 */
export async function lockActiveAdmins(tx: Db): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "User" WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** Throws last_admin unless some active admin other than `leaving` would remain. */
export function ensureAnotherAdmin(activeAdmins: string[], leaving: Set<string>, field = 'role'): void {
  if (!activeAdmins.some((id) => !leaving.has(id))) {
    throw new PeopleError('last_admin', 'This is the last active admin: make someone else an admin first', { [field]: 'The last active admin cannot be demoted or deactivated' });
  }
}
