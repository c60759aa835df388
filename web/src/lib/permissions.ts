// What the signed-in user may do in the UI (the server enforces the same rules).
import type { Department, Me } from '../types';

export function canCompose(me: Me): boolean {
  if (me.role === 'admin' || me.role === 'communicator') return true;
  return me.role === 'manager' && me.departments.some((d) => d.isManager);
}

export function canSeeAnnouncements(me: Me): boolean {
  return me.role === 'admin' || me.role === 'communicator' || me.role === 'manager';
}

export function canTargetEveryone(me: Me): boolean {
  return me.role === 'admin' || me.role === 'communicator';
}

/** Departments offered in the composer's audience picker. */
export function targetableDepartments(me: Me, all: Department[]): Department[] {
  if (canTargetEveryone(me)) return all;
  if (me.role !== 'manager') return [];
  return me.departments.filter((d) => d.isManager).map(({ id, slug, name }) => ({ id, slug, name }));
}
