// Departments and who belongs to them. Plain functions on a transaction, audited in it.
import { recordAudit, type Actor } from '../audit/audit.js';
import type { Db, Prisma } from '../db/client.js';
import { PeopleError, isUniqueViolation } from './errors.js';
import { checkName, checkSlackChannel, checkSlug } from './fields.js';
import { departmentSelect, toDepartmentView, type DepartmentView } from './views.js';

export interface NewDepartment { slug: string; name: string; slackChannelId?: string | null }
export type DepartmentPatch = Partial<NewDepartment>;

const slugTaken = () => new PeopleError('conflict', 'Another department has this slug', { slug: 'Already taken' });

export async function listDepartments(db: Db): Promise<DepartmentView[]> {
  const rows = await db.department.findMany({ select: departmentSelect, orderBy: { slug: 'asc' } });
  return rows.map(toDepartmentView);
}

export async function getDepartment(db: Db, id: string): Promise<DepartmentView | null> {
  const row = await db.department.findUnique({ where: { id }, select: departmentSelect });
  return row ? toDepartmentView(row) : null;
}

export async function findDepartmentBySlug(db: Db, slug: string): Promise<DepartmentView | null> {
  const row = await db.department.findUnique({ where: { slug }, select: departmentSelect });
  return row ? toDepartmentView(row) : null;
}

export async function createDepartment(tx: Db, actor: Actor, input: NewDepartment): Promise<DepartmentView> {
  const slug = checkSlug(input.slug);
  const name = checkName(input.name);
  const slackChannelId = input.slackChannelId ? checkSlackChannel(input.slackChannelId) : null;
  if (await tx.department.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken();
  const row = await tx.department
    .create({ data: { slug, name, slackChannelId }, select: departmentSelect })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? slugTaken() : err;
    });
  await recordAudit(tx, actor, 'department.create', { type: 'department', id: row.id }, { slug, name, slackChannelId });
  return toDepartmentView(row);
}

export async function updateDepartment(tx: Db, actor: Actor, id: string, patch: DepartmentPatch): Promise<DepartmentView> {
  const before = await tx.department.findUnique({ where: { id }, select: { slug: true, name: true, slackChannelId: true } });
  if (!before) throw new PeopleError('not_found', 'No such department');
  const next = {
    slug: patch.slug === undefined ? before.slug : checkSlug(patch.slug),
    name: patch.name === undefined ? before.name : checkName(patch.name),
    slackChannelId: patch.slackChannelId === undefined ? before.slackChannelId : patch.slackChannelId ? checkSlackChannel(patch.slackChannelId) : null,
  };
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const key of ['slug', 'name', 'slackChannelId'] as const) {
    if (next[key] !== before[key]) changes[key] = { from: before[key], to: next[key] };
  }
  if (changes.slug) {
    const other = await tx.department.findUnique({ where: { slug: next.slug }, select: { id: true } });
    if (other && other.id !== id) throw slugTaken();
  }
  if (Object.keys(changes).length) {
    await tx.department.update({ where: { id }, data: next, select: { id: true } }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? slugTaken() : err;
    });
    await recordAudit(tx, actor, 'department.update', { type: 'department', id }, { slug: next.slug, changes } as Prisma.InputJsonObject);
  }
  return (await getDepartment(tx, id))!;
}

// ---- membership, by user ids (SCIM Groups' `members`) --------------------------------------

async function requireDepartment(tx: Db, id: string): Promise<{ slug: string }> {
  const d = await tx.department.findUnique({ where: { id }, select: { slug: true } });
  if (!d) throw new PeopleError('not_found', 'No such department');
  return d;
}

async function requireUsers(tx: Db, userIds: string[]): Promise<void> {
  const found = await tx.user.count({ where: { id: { in: userIds } } });
  if (found !== new Set(userIds).size) throw new PeopleError('not_found', 'No such user', { members: 'Unknown user id' });
}

/** Adds people to a department (already members stay as they are). */
export async function addMembers(tx: Db, actor: Actor, departmentId: string, userIds: string[], isManager = false): Promise<void> {
  const { slug } = await requireDepartment(tx, departmentId);
  if (!userIds.length) return;
  await requireUsers(tx, userIds);
  const { count } = await tx.membership.createMany({ data: [...new Set(userIds)].map((userId) => ({ userId, departmentId, isManager })), skipDuplicates: true });
  if (count) await recordAudit(tx, actor, 'department.update', { type: 'department', id: departmentId }, { slug, membersAdded: userIds });
}

export async function removeMembers(tx: Db, actor: Actor, departmentId: string, userIds: string[]): Promise<void> {
  const { slug } = await requireDepartment(tx, departmentId);
  const { count } = await tx.membership.deleteMany({ where: { departmentId, userId: { in: userIds } } });
  if (count) await recordAudit(tx, actor, 'department.update', { type: 'department', id: departmentId }, { slug, membersRemoved: userIds });
}

/** Makes the members exactly `userIds` (SCIM PUT of a Group); managers who stay keep the flag. */
export async function setMembers(tx: Db, actor: Actor, departmentId: string, userIds: string[]): Promise<void> {
  const { slug } = await requireDepartment(tx, departmentId);
  const wanted = new Set(userIds);
  if (wanted.size) await requireUsers(tx, [...wanted]);
  const current = new Set((await tx.membership.findMany({ where: { departmentId }, select: { userId: true } })).map((m) => m.userId));
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  if (removed.length) await tx.membership.deleteMany({ where: { departmentId, userId: { in: removed } } });
  if (added.length) await tx.membership.createMany({ data: added.map((userId) => ({ userId, departmentId })), skipDuplicates: true });
  if (added.length || removed.length) {
    await recordAudit(tx, actor, 'department.update', { type: 'department', id: departmentId }, { slug, membersAdded: added, membersRemoved: removed });
  }
}
