// POST /api/admin/users/import: a CSV of people, all or nothing. The same checks run for a
// dry run and for the real one; a real one with any error writes nothing.
import { recordAudit, type Actor } from '../../audit/audit.js';
import type { Db } from '../../db/client.js';
import type { ImportCounts } from '../../wire/index.js';
import { lockActiveAdmins } from '../admins.js';
import type { Invitation } from '../invitations.js';
import { applyImport } from './apply.js';
import { parseCsv } from './parse.js';
import { planImport } from './plan.js';

export { COLUMNS } from './parse.js';

/** Errors listed in the answer; a file that is wrong on every line says so without 100,000 of them. */
export const MAX_ERRORS_SHOWN = 1_000;

/** What an import did: the counts the answer carries (errors lists the first MAX_ERRORS_SHOWN
 *  of errorCount), and what the route does after the commit. */
export interface ImportRun extends ImportCounts {
  /** Invitations to queue after the commit (never in the answer). */
  invitations: Invitation[];
  /** People whose name, role, language or time zone changed: their cached sessions are
   *  forgotten after the commit (never in the answer). */
  changedUserIds: string[];
}

/** What a session says about a person (auth/sessions.ts): a change to any of these makes
 *  every api node read their session again. */
const SESSION_FIELDS = new Set(['name', 'role', 'locale', 'timezone']);

/** Serializes imports: two at once would each think a new email is free. */
const IMPORT_LOCK = 0x48696d70; // "Himp"

export async function importUsers(tx: Db, actor: Actor, csv: string, opts: { dryRun: boolean; invite: boolean }): Promise<ImportRun> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`;
  const parsed = parseCsv(csv);
  const { planned, errors } = await planImport(tx, parsed.rows);
  errors.unshift(...parsed.errors);

  // The last active admin: demotions in the file must leave one (admins.ts for the locking).
  const demoted = planned.filter((r) => r.demotesActiveAdmin);
  if (demoted.length) {
    const admins = await lockActiveAdmins(tx);
    const leaving = new Set(demoted.map((r) => r.id!));
    if (!admins.some((id) => !leaving.has(id))) {
      errors.push({ line: demoted[demoted.length - 1]!.line, field: 'role', message: 'This would leave no active admin: keep at least one admin' });
    }
  }
  errors.sort((a, b) => a.line - b.line);

  const count = (action: string) => planned.filter((r) => r.action === action).length;
  const result: ImportRun = {
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    errors: errors.slice(0, MAX_ERRORS_SHOWN),
    errorCount: errors.length,
    invitations: [],
    changedUserIds: [],
  };
  if (opts.dryRun) result.rows = planned.map(({ line, email, action, changes }) => ({ line, email, action, changes }));
  if (opts.dryRun || errors.length) return result;

  result.invitations = await applyImport(tx, planned, opts.invite);
  result.changedUserIds = planned.filter((r) => r.action === 'update' && r.changes.some((c) => SESSION_FIELDS.has(c))).map((r) => r.id!);
  await recordAudit(tx, actor, 'user.import', { type: 'user' }, {
    rows: planned.length, created: result.created, updated: result.updated, unchanged: result.unchanged, invited: result.invitations.length,
  });
  return result;
}
