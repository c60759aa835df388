// SCIM Groups = departments, on top of the people functions (which write and audit them, with
// actor type `scim`). Membership changes go through addMembers / removeMembers / setMembers.
import { randomUUID } from 'node:crypto';
import { scimActor } from '../../audit/audit.js';
import type { Db } from '../../db/client.js';
import { addMembers, createDepartment, removeMembers, setMembers, updateDepartment } from '../../people/index.js';
import { scimNotFound } from './errors.js';
import { groupWhere } from './filter.js';
import { GroupBody, memberIds, slugFromExternalId, slugify, splitGroupPatch, toScimGroup, type GroupRecord } from './groups.js';
import { applyPatch, type PatchOperation } from './patch.js';
import { scimBase, type ScimContext, type ScimKey } from './user-ops.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const groupSelect = { id: true, slug: true, name: true, createdAt: true } as const;

async function loadGroup(db: Db, id: string, withMembers: boolean): Promise<GroupRecord | null> {
  if (!UUID.test(id)) return null;
  const row = await db.department.findUnique({ where: { id: id.toLowerCase() }, select: groupSelect });
  if (!row) return null;
  return withMembers ? { ...row, members: await membersOf(db, [row.id]).then((m) => m.get(row.id) ?? []) } : row;
}

async function membersOf(db: Db, departmentIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await db.membership.findMany({
    where: { departmentId: { in: departmentIds } },
    select: { departmentId: true, user: { select: { id: true, name: true } } },
    orderBy: { userId: 'asc' },
  });
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.departmentId, [...(out.get(r.departmentId) ?? []), r.user]);
  return out;
}

async function requireGroup(db: Db, id: string, withMembers = false): Promise<GroupRecord> {
  const group = await loadGroup(db, id, withMembers);
  if (!group) throw scimNotFound('Group');
  return group;
}

export async function getScimGroup(ctx: ScimContext, id: string, withMembers: boolean) {
  return toScimGroup(await requireGroup(ctx.prisma, id, withMembers), scimBase(ctx));
}

export async function listScimGroups(ctx: ScimContext, q: { filter?: string; startIndex: number; count: number; withMembers: boolean }) {
  const where = groupWhere(q.filter);
  const [total, rows] = await Promise.all([
    ctx.prisma.department.count({ where }),
    q.count === 0 ? [] : ctx.prisma.department.findMany({ where, select: groupSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: q.startIndex - 1, take: q.count }),
  ]);
  const members = q.withMembers ? await membersOf(ctx.prisma, rows.map((r) => r.id)) : null;
  const base = scimBase(ctx);
  return { total, resources: rows.map((r) => toScimGroup({ ...r, ...(members ? { members: members.get(r.id) ?? [] } : {}) }, base)) };
}

/** A free slug for a Group sent without externalId: its name made into a slug, numbered if taken. */
async function freeSlug(tx: Db, displayName: string): Promise<string> {
  const base = slugify(displayName) ?? 'group';
  for (let n = 1; n < 100; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const slug = `${base.slice(0, 40 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!(await tx.department.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
  return `${base.slice(0, 31)}-${randomUUID().slice(0, 8)}`;
}

export async function createScimGroup(ctx: ScimContext, key: ScimKey, body: GroupBody) {
  const actor = scimActor(key);
  const id = await ctx.prisma.$transaction(async (tx) => {
    const slug = body.externalId ? slugFromExternalId(body.externalId) : await freeSlug(tx, body.displayName);
    const department = await createDepartment(tx, actor, { slug, name: body.displayName });
    if (body.members?.length) await addMembers(tx, actor, department.id, memberIds(body.members));
    return department.id;
  });
  return getScimGroup(ctx, id, true);
}

/** PUT: the name, the slug when externalId is given, and the members when `members` is given
 *  (a body without the attribute leaves the membership alone; `"members": []` empties it). */
export async function replaceScimGroup(ctx: ScimContext, key: ScimKey, id: string, body: GroupBody) {
  const actor = scimActor(key);
  await ctx.prisma.$transaction(async (tx) => {
    const group = await requireGroup(tx, id);
    await updateDepartment(tx, actor, group.id, { name: body.displayName, ...(body.externalId ? { slug: slugFromExternalId(body.externalId) } : {}) });
    if (body.members) await setMembers(tx, actor, group.id, memberIds(body.members));
  });
  return getScimGroup(ctx, id, true);
}

/** Answered 204 (as Entra ID and Okta expect): sending every member back would cost a read of them all. */
export async function patchScimGroup(ctx: ScimContext, key: ScimKey, id: string, operations: PatchOperation[]): Promise<void> {
  const actor = scimActor(key);
  const { members, others } = splitGroupPatch(operations);
  await ctx.prisma.$transaction(async (tx) => {
    const group = await requireGroup(tx, id);
    if (others.length) {
      const doc = toScimGroup(group, scimBase(ctx));
      const after = GroupBody.parse(applyPatch(doc, others));
      const slug = after.externalId && after.externalId !== group.slug ? slugFromExternalId(after.externalId) : undefined;
      await updateDepartment(tx, actor, group.id, { name: after.displayName, ...(slug ? { slug } : {}) });
    }
    for (const change of members) {
      if (change.kind === 'add') await addMembers(tx, actor, group.id, change.userIds);
      else if (change.kind === 'remove') await removeMembers(tx, actor, group.id, change.userIds);
      else await setMembers(tx, actor, group.id, change.userIds);
    }
  });
}

/**
 * DELETE: departments are never deleted (announcements sent to them keep pointing at them),
 * so the Group is emptied instead: nobody is reached through it any more, which is what the
 * identity provider asked for when it dropped the group.
 */
export async function deleteScimGroup(ctx: ScimContext, key: ScimKey, id: string): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const group = await requireGroup(tx, id);
    await setMembers(tx, scimActor(key), group.id, []);
  });
}
