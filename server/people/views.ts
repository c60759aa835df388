// How a person and a department look to the admin API and SCIM (README "Administration" and "API").
// The admin API's answers are wire types (server/wire/admin.ts), which the web reads.
import type { Db, Prisma } from '../db/client.js';
import type { AdminDepartment, AdminDepartmentRef, AdminUser, Role } from '../wire/index.js';
import { storedLocale } from './fields.js';

/** A person as the people concern and SCIM see them: more than the admin API shows (toAdminUser). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** As stored (SCIM shows it as it is). */
  locale: string;
  timezone: string;
  departments: AdminDepartmentRef[];
  /** Not in the admin API's answer; SCIM reads them. */
  externalId?: string | null;
  hasPassword: boolean;
}

export const userSelect = {
  id: true, email: true, name: true, role: true, active: true, locale: true, timezone: true, externalId: true, passwordHash: true,
  memberships: { select: { isManager: true, department: { select: { id: true, slug: true, name: true } } } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    locale: u.locale,
    timezone: u.timezone,
    departments: u.memberships
      .map((m) => ({ id: m.department.id, slug: m.department.slug, name: m.department.name, isManager: m.isManager }))
      .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
    externalId: u.externalId,
    hasPassword: u.passwordHash !== null,
  };
}

/** The contract's fields only: what GET/POST/PATCH /api/admin/users answer. */
export function toAdminUser(u: UserView): AdminUser {
  const { externalId: _e, hasPassword: _h, ...rest } = u;
  return { ...rest, locale: storedLocale(u.locale) };
}

export async function getUser(db: Db, id: string): Promise<UserView | null> {
  const row = await db.user.findUnique({ where: { id }, select: userSelect });
  return row ? toUserView(row) : null;
}

/** Emails are stored lower-case: the lookup is case-insensitive by construction. */
export async function findUserByEmail(db: Db, email: string): Promise<UserView | null> {
  const row = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: userSelect });
  return row ? toUserView(row) : null;
}

export async function findUserByExternalId(db: Db, externalId: string): Promise<UserView | null> {
  const row = await db.user.findUnique({ where: { externalId }, select: userSelect });
  return row ? toUserView(row) : null;
}

/** A department as admins and SCIM see it: the admin API's answer. */
export type DepartmentView = AdminDepartment;

export const departmentSelect = {
  id: true, slug: true, name: true, slackChannelId: true,
  // Active members: the people an announcement to this department reaches today.
  _count: { select: { memberships: { where: { user: { active: true } } } } },
} satisfies Prisma.DepartmentSelect;

export function toDepartmentView(d: Prisma.DepartmentGetPayload<{ select: typeof departmentSelect }>): DepartmentView {
  return { id: d.id, slug: d.slug, name: d.name, slackChannelId: d.slackChannelId, memberCount: d._count.memberships };
}
