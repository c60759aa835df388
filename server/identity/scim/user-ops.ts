// SCIM Users on top of the people functions (server/people): they validate, write and audit
// (actor type `scim`); this file reads SCIM in, writes SCIM out, and runs what must happen
// after a commit (a deactivated person's sockets closed on every node).
import { scimActor } from '../../audit/audit.js';
import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { afterUserWrite, createUser, updateUser, type UserPatch, type UserWrite } from '../../people/index.js';
import { userSelect, toUserView } from '../../people/views.js';
import { scimNotFound } from './errors.js';
import { userWhere } from './filter.js';
import { applyPatch, type PatchOperation } from './patch.js';
import { UserBody, newUserFields, patchedFields, replacementPatch, toScimUser, type UserRecord } from './users.js';

export type ScimContext = Pick<Context, 'prisma' | 'config' | 'queues' | 'logger' | 'emitter' | 'redis'>;
export interface ScimKey { id: string; name: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const recordSelect = { ...userSelect, createdAt: true, updatedAt: true } as const;

async function loadUser(db: Db, id: string): Promise<UserRecord | null> {
  if (!UUID.test(id)) return null;
  const row = await db.user.findUnique({ where: { id: id.toLowerCase() }, select: recordSelect });
  return row ? { ...toUserView(row), createdAt: row.createdAt, updatedAt: row.updatedAt } : null;
}

async function requireUser(db: Db, id: string): Promise<UserRecord> {
  const user = await loadUser(db, id);
  if (!user) throw scimNotFound('User');
  return user;
}

export const scimBase = (ctx: Pick<Context, 'config'>) => `${ctx.config.publicUrl.replace(/\/+$/, '')}/scim/v2`;

export async function getScimUser(ctx: ScimContext, id: string) {
  return toScimUser(await requireUser(ctx.prisma, id), scimBase(ctx));
}

export async function listScimUsers(ctx: ScimContext, q: { filter?: string; startIndex: number; count: number }) {
  const where = userWhere(q.filter);
  const [total, rows] = await Promise.all([
    ctx.prisma.user.count({ where }),
    q.count === 0 ? [] : ctx.prisma.user.findMany({ where, select: recordSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: q.startIndex - 1, take: q.count }),
  ]);
  const base = scimBase(ctx);
  return { total, resources: rows.map((r) => toScimUser({ ...toUserView(r), createdAt: r.createdAt, updatedAt: r.updatedAt }, base)) };
}

/** One write in one transaction, then its after-commit effects; answers the user as stored. */
async function write(ctx: ScimContext, run: (tx: Db) => Promise<UserWrite>) {
  const result = await ctx.prisma.$transaction(run);
  await afterUserWrite(ctx, result);
  return getScimUser(ctx, result.user.id);
}

export function createScimUser(ctx: ScimContext, key: ScimKey, body: UserBody) {
  // With single sign-on on, people sign in through the identity provider: no password
  // invitation. Without it, provisioned people need one to get in at all.
  return write(ctx, (tx) => createUser(tx, scimActor(key), { ...newUserFields(body), role: 'employee', invite: !ctx.config.oidc }));
}

export function replaceScimUser(ctx: ScimContext, key: ScimKey, id: string, body: UserBody) {
  return update(ctx, key, id, () => replacementPatch(body));
}

export function patchScimUser(ctx: ScimContext, key: ScimKey, id: string, operations: PatchOperation[]) {
  return update(ctx, key, id, (before) => {
    const doc = toScimUser(before, scimBase(ctx));
    const { groups: _readOnly, ...patchable } = doc;
    const after = UserBody.parse(applyPatch(patchable, operations));
    return patchedFields(doc, after);
  });
}

/** DELETE is a deactivation: the person's records stay, they can no longer get in. */
export function deactivateScimUser(ctx: ScimContext, key: ScimKey, id: string) {
  return update(ctx, key, id, () => ({ active: false }));
}

function update(ctx: ScimContext, key: ScimKey, id: string, change: (before: UserRecord) => UserPatch) {
  return write(ctx, async (tx) => {
    const before = await requireUser(tx, id);
    return updateUser(tx, scimActor(key), before.id, change(before));
  });
}
