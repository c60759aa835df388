// Creating and changing people. Plain functions that take a transaction; each write is
// audited in that same transaction. What must happen after the commit (closing a deactivated
// person's sockets, queueing an invitation) comes back in the result: see effects.ts.
import { hashPassword } from '../auth/passwords.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { Db, Prisma } from '../db/client.js';
import { ensureAnotherAdmin, lockActiveAdmins } from './admins.js';
import { PeopleError, invalid, isUniqueViolation } from './errors.js';
import { checkEmail, checkLocale, checkName, checkPassword, checkRole, checkTimeZone, type RoleName } from './fields.js';
import { issuePasswordToken, type Invitation } from './invitations.js';
import { toUserView, userSelect, type UserView } from './views.js';

/** A department a person belongs to, by slug; `isManager`: he manages it (default false). */
export interface DepartmentRef { slug: string; isManager?: boolean }

export interface NewUser {
  email: string;
  name: string;
  role?: RoleName;
  departments?: DepartmentRef[];
  locale?: string;
  timezone?: string;
  /** Without one, the person gets an invitation to choose one (unless `invite` is false). */
  password?: string;
  /** Send an invitation when there is no password (default true; SCIM with single sign-on may say false). */
  invite?: boolean;
  externalId?: string | null;
  active?: boolean;
}

export interface UserPatch {
  email?: string;
  name?: string;
  role?: RoleName;
  departments?: DepartmentRef[];
  locale?: string;
  timezone?: string;
  active?: boolean;
  externalId?: string | null;
}

export interface UserWrite {
  user: UserView;
  /** Queue after the commit (effects.ts), when set. */
  invitation: Invitation | null;
  /** This write deactivated the person: close their sockets after the commit (effects.ts). */
  deactivated: boolean;
  /** Something about an existing person changed: api nodes drop their cached sessions of them. */
  changed?: boolean;
}

/** Slugs → department ids; an unknown slug is a validation error naming `field`. */
export async function resolveDepartments(tx: Db, refs: DepartmentRef[], field = 'departments'): Promise<{ departmentId: string; isManager: boolean; slug: string }[]> {
  const merged = new Map<string, boolean>();
  for (const r of refs) merged.set(r.slug, (merged.get(r.slug) ?? false) || r.isManager === true);
  const found = await tx.department.findMany({ where: { slug: { in: [...merged.keys()] } }, select: { id: true, slug: true } });
  const ids = new Map(found.map((d) => [d.slug, d.id]));
  const unknown = [...merged.keys()].filter((s) => !ids.has(s));
  if (unknown.length) throw invalid(field, `Unknown department${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return [...merged].map(([slug, isManager]) => ({ departmentId: ids.get(slug)!, isManager, slug }));
}

async function ensureFree(tx: Db, email: string | undefined, externalId: string | null | undefined, exceptId?: string): Promise<void> {
  if (email !== undefined) {
    const other = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (other && other.id !== exceptId) throw new PeopleError('conflict', 'Someone already has this email address', { email: 'Already taken' });
  }
  if (externalId) {
    const other = await tx.user.findUnique({ where: { externalId }, select: { id: true } });
    if (other && other.id !== exceptId) throw new PeopleError('conflict', 'Someone already has this externalId', { externalId: 'Already taken' });
  }
}

/** A unique violation that slipped past ensureFree (two creations racing) is the same conflict. */
function asConflict(err: unknown): never {
  if (isUniqueViolation(err)) throw new PeopleError('conflict', 'Someone already has this email address', { email: 'Already taken' });
  throw err;
}

export async function createUser(tx: Db, actor: Actor, input: NewUser): Promise<UserWrite> {
  const email = checkEmail(input.email);
  const name = checkName(input.name);
  const role = checkRole(input.role ?? 'employee');
  const locale = checkLocale(input.locale ?? 'en');
  const timezone = checkTimeZone(input.timezone ?? 'UTC');
  const password = input.password === undefined ? undefined : checkPassword(input.password);
  const memberships = await resolveDepartments(tx, input.departments ?? []);
  await ensureFree(tx, email, input.externalId);
  const passwordHash = password === undefined ? null : await hashPassword(password);
  const active = input.active ?? true;
  const row = await tx.user
    .create({
      data: {
        email, name, role, locale, timezone, passwordHash, active,
        deactivatedAt: active ? null : new Date(),
        externalId: input.externalId ?? null,
        memberships: { create: memberships.map(({ departmentId, isManager }) => ({ departmentId, isManager })) },
      },
      select: userSelect,
    })
    .catch(asConflict);
  const invite = password === undefined && input.invite !== false && active;
  const invitation = invite ? await issuePasswordToken(tx, row.id) : null;
  await recordAudit(tx, actor, 'user.create', { type: 'user', id: row.id }, {
    email, name, role, locale, timezone, active,
    departments: memberships.map((m) => (m.isManager ? `${m.slug} (manager)` : m.slug)),
    invited: invite,
  });
  return { user: toUserView(row), invitation, deactivated: false };
}

type Change = { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null };

const membershipLabels = (u: UserView) => u.departments.map((d) => (d.isManager ? `${d.slug} (manager)` : d.slug));

export async function updateUser(tx: Db, actor: Actor, id: string, patch: UserPatch): Promise<UserWrite> {
  // Changes that may take an admin away lock the admins first (admins.ts says why first).
  const touchesAdmins = patch.role !== undefined || patch.active !== undefined;
  const admins = touchesAdmins ? await lockActiveAdmins(tx) : [];
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "User" WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked.length) throw new PeopleError('not_found', 'No such user');
  const before = toUserView(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }));

  const data: Prisma.UserUpdateInput = {};
  const changes: Record<string, Change> = {};
  const set = <K extends 'email' | 'name' | 'role' | 'locale' | 'timezone' | 'active' | 'externalId'>(key: K, value: UserView[K] | undefined) => {
    if (value === undefined || value === before[key]) return;
    (data as Record<string, unknown>)[key] = value;
    changes[key] = { from: (before[key] ?? null) as Change['from'], to: (value ?? null) as Change['to'] };
  };
  set('email', patch.email === undefined ? undefined : checkEmail(patch.email));
  set('name', patch.name === undefined ? undefined : checkName(patch.name));
  set('role', patch.role === undefined ? undefined : checkRole(patch.role));
  set('locale', patch.locale === undefined ? undefined : checkLocale(patch.locale));
  set('timezone', patch.timezone === undefined ? undefined : checkTimeZone(patch.timezone));
  set('active', patch.active);
  set('externalId', patch.externalId);
  await ensureFree(tx, changes.email ? (data.email as string) : undefined, changes.externalId ? (patch.externalId ?? null) : undefined, id);

  const wasActiveAdmin = before.role === 'admin' && before.active;
  const staysActiveAdmin = (patch.role ?? before.role) === 'admin' && (patch.active ?? before.active);
  if (wasActiveAdmin && !staysActiveAdmin) ensureAnotherAdmin(admins, new Set([id]), changes.active ? 'active' : 'role');

  const deactivated = changes.active?.to === false;
  if (deactivated) data.deactivatedAt = new Date();
  if (changes.active?.to === true) data.deactivatedAt = null;
  if (Object.keys(data).length) await tx.user.update({ where: { id }, data, select: { id: true } }).catch(asConflict);

  if (patch.departments !== undefined) {
    const memberships = await resolveDepartments(tx, patch.departments);
    const next = memberships.map((m) => (m.isManager ? `${m.slug} (manager)` : m.slug)).sort();
    const prev = membershipLabels(before).sort();
    if (JSON.stringify(next) !== JSON.stringify(prev)) {
      await tx.membership.deleteMany({ where: { userId: id } });
      await tx.membership.createMany({ data: memberships.map(({ departmentId, isManager }) => ({ userId: id, departmentId, isManager })) });
      changes.departments = { from: prev, to: next };
    }
  }
  // Sessions end with the deactivation (not merely refused while inactive): reactivating
  // someone does not bring an old sign-in back.
  if (deactivated) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });

  if (Object.keys(changes).length) {
    await recordAudit(tx, actor, deactivated ? 'user.deactivate' : 'user.update', { type: 'user', id }, { email: before.email, changes });
  }
  const user = toUserView(await tx.user.findUniqueOrThrow({ where: { id }, select: userSelect }));
  return { user, invitation: null, deactivated, changed: Object.keys(changes).length > 0 };
}

/** A new set-password invitation for someone who has none in use (admin's "send invitation"). */
export async function inviteUser(tx: Db, actor: Actor, id: string): Promise<UserWrite> {
  const row = await tx.user.findUnique({ where: { id }, select: userSelect });
  if (!row) throw new PeopleError('not_found', 'No such user');
  if (!row.active) throw invalid('active', 'This person is deactivated: reactivate them first');
  const invitation = await issuePasswordToken(tx, id);
  await recordAudit(tx, actor, 'user.update', { type: 'user', id }, { email: row.email, invitation: 'sent', expiresAt: invitation.expiresAt });
  return { user: toUserView(row), invitation, deactivated: false };
}
