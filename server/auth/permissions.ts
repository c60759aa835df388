// Who may do what. The one place that knows the role rules of the public contract.
import type { Db } from '../db/client.js';
import type { SessionUser } from './sessions.js';

export type Audience = { type: 'all' } | { type: 'departments'; departmentIds: string[] };

export const canPublish = (user: Pick<SessionUser, 'role'>) => user.role !== 'employee';

/** Staff see every announcement and its stats; managers see their own. */
export const isStaff = (user: Pick<SessionUser, 'role'>) => user.role === 'admin' || user.role === 'communicator';

/**
 * Why `user` may not send to `audience`, or null when he may. Communicators and admins may
 * target anything; a manager only departments he manages (never "all"); employees nothing.
 */
export async function audienceDenial(db: Db, user: Pick<SessionUser, 'id' | 'role'>, audience: Audience): Promise<string | null> {
  if (isStaff(user)) return null;
  if (user.role !== 'manager') return 'Only communicators, admins and managers may publish';
  if (audience.type === 'all') return 'Managers may send only to the departments they manage';
  const managed = await managedDepartmentIds(db, user.id);
  const outside = audience.departmentIds.filter((id) => !managed.has(id));
  return outside.length ? 'Managers may send only to the departments they manage' : null;
}

export async function managedDepartmentIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.membership.findMany({ where: { userId, isManager: true }, select: { departmentId: true } });
  return new Set(rows.map((r) => r.departmentId));
}
