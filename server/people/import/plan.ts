// What an import would do, row by row, from the parsed CSV and the database as it is: every
// cell checked, each row matched to a person by email, and compared with that person.
import type { Db } from '../../db/client.js';
import { normalizeTimeZone } from '../../time-zone.js';
import { isRole, normalizeEmail, normalizeLocale, normalizeName, type RoleName } from '../fields.js';
import type { CsvRow, ImportError } from './parse.js';

export interface Membership { departmentId: string; isManager: boolean }

export interface PlannedRow {
  line: number;
  email: string;
  action: 'create' | 'update' | 'unchanged';
  /** The fields an update changes. */
  changes: string[];
  /** The existing person's id (update, unchanged). */
  id: string | null;
  name: string;
  role: RoleName;
  locale: string;
  timezone: string;
  /** Null: memberships stay as they are. */
  memberships: Membership[] | null;
  /** The person is an active admin now and the row makes him something else. */
  demotesActiveAdmin: boolean;
}

interface Existing { id: string; email: string; name: string; role: RoleName; locale: string; timezone: string; active: boolean }

const splitSlugs = (cell: string | undefined) => [...new Set((cell ?? '').split(';').map((s) => s.trim()).filter(Boolean))];

/** Checks every row; returns the plan of the valid ones and an error per bad cell. */
export async function planImport(tx: Db, rows: CsvRow[]): Promise<{ planned: PlannedRow[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const all = await tx.department.findMany({ select: { id: true, slug: true } });
  const departments = new Map(all.map((d) => [d.slug, d.id]));
  const slugs = new Map(all.map((d) => [d.id, d.slug]));
  const zones = new Map<string, string | null>(); // Intl is slow to ask 100,000 times the same thing

  type Checked = { line: number; email: string; name?: string; role?: RoleName; locale?: string; timezone?: string; members?: string[]; managed?: string[] };
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const bad = (field: string, message: string) => errors.push({ line, field, message });
    const before = errors.length;
    const email = normalizeEmail(cells.email ?? '');
    if (!cells.email) bad('email', 'Email is required');
    else if (!email) bad('email', `Not an email address: ${cells.email.slice(0, 100)}`);
    else if (seen.has(email)) bad('email', `The same email is on line ${seen.get(email)}`);
    else seen.set(email, line);
    const row: Checked = { line, email: email ?? '' };
    if (cells.name) {
      const name = normalizeName(cells.name);
      if (name) row.name = name;
      else bad('name', 'A name has 1 to 200 characters, without control characters');
    }
    if (cells.role) {
      const role = cells.role.toLowerCase();
      if (isRole(role)) row.role = role;
      else bad('role', `Unknown role "${cells.role.slice(0, 40)}": use admin, communicator, manager or employee`);
    }
    if (cells.locale) {
      const locale = normalizeLocale(cells.locale);
      if (locale) row.locale = locale;
      else bad('locale', `Unknown locale "${cells.locale.slice(0, 40)}": use en or es`);
    }
    if (cells.timezone) {
      if (!zones.has(cells.timezone)) zones.set(cells.timezone, normalizeTimeZone(cells.timezone));
      const zone = zones.get(cells.timezone);
      if (zone) row.timezone = zone;
      else bad('timezone', `Unknown time zone "${cells.timezone.slice(0, 64)}"`);
    }
    for (const field of ['departments', 'manager_of'] as const) {
      if (!cells[field]) continue;
      const slugs = splitSlugs(cells[field]);
      const unknown = slugs.filter((s) => !departments.has(s));
      if (unknown.length) bad(field, `Unknown department${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}`);
      else if (field === 'departments') row.members = slugs;
      else row.managed = slugs;
    }
    if (errors.length === before) checked.push(row);
  }

  const { existing, current } = await loadExisting(tx, checked.map((r) => r.email));
  const planned: PlannedRow[] = [];
  for (const r of checked) {
    const user = existing.get(r.email);
    if (!user && !r.name) {
      errors.push({ line: r.line, field: 'name', message: 'A new person needs a name' });
      continue;
    }
    const had = user ? (current.get(user.id) ?? new Map<string, boolean>()) : new Map<string, boolean>();
    // Member of every department in `departments` and `manager_of`; an empty cell keeps what
    // the person has (nothing for a new person).
    const members = r.members ?? [...had.keys()].map((id) => slugs.get(id)!);
    const managed = r.managed ?? [...had].filter(([, m]) => m).map(([id]) => slugs.get(id)!);
    const wanted = new Map<string, boolean>();
    for (const s of members) wanted.set(departments.get(s)!, false);
    for (const s of managed) wanted.set(departments.get(s)!, true);
    const next = {
      name: r.name ?? user?.name ?? '',
      role: r.role ?? user?.role ?? 'employee',
      locale: r.locale ?? user?.locale ?? 'en',
      timezone: r.timezone ?? user?.timezone ?? 'UTC',
    };
    const changes: string[] = user ? (['name', 'role', 'locale', 'timezone'] as const).filter((k) => next[k] !== user[k]) : [];
    const membershipsChanged = !sameMemberships(had, wanted);
    if (user && membershipsChanged) changes.push('departments');
    planned.push({
      line: r.line,
      email: r.email,
      action: !user ? 'create' : changes.length ? 'update' : 'unchanged',
      changes,
      id: user?.id ?? null,
      ...next,
      memberships: !user || membershipsChanged ? [...wanted].map(([departmentId, isManager]) => ({ departmentId, isManager })) : null,
      demotesActiveAdmin: !!user && user.active && user.role === 'admin' && next.role !== 'admin',
    });
  }
  return { planned, errors };
}

function sameMemberships(a: Map<string, boolean>, b: Map<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, m] of a) if (b.get(id) !== m) return false;
  return true;
}

/** The people the file names, with their memberships, in one query. */
async function loadExisting(tx: Db, emails: string[]) {
  const existing = new Map<string, Existing>();
  const current = new Map<string, Map<string, boolean>>();
  if (!emails.length) return { existing, current };
  const rows = await tx.$queryRaw<(Existing & { memberOf: string[]; manages: boolean[] })[]>`
    SELECT u.id::text AS id, u.email, u.name, u.role::text AS role, u.locale, u.timezone, u.active,
           coalesce(array_agg(m."departmentId"::text) FILTER (WHERE m."userId" IS NOT NULL), '{}') AS "memberOf",
           coalesce(array_agg(m."isManager") FILTER (WHERE m."userId" IS NOT NULL), '{}') AS manages
    FROM "User" u LEFT JOIN "Membership" m ON m."userId" = u.id
    WHERE u.email = ANY(${emails}::text[])
    GROUP BY u.id`;
  for (const { memberOf, manages, ...user } of rows) {
    existing.set(user.email, user);
    current.set(user.id, new Map(memberOf.map((id, i) => [id, manages[i]!])));
  }
  return { existing, current };
}
