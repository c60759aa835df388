// The admin API of people, departments, the import and the audit log, as the pages use it.
// What it answers is typed by the wire types (server/wire/admin.ts, through ../../types); what
// the forms send stays here: the web's view of the route schemas, which are zod on the server.
import { api, CSRF_COOKIE, CSRF_HEADER, query, readCookie, toApiError, ApiError } from '../../api';
import {
  AUDIT_ACTIONS as ALL_AUDIT_ACTIONS,
  type AdminDepartment, type AdminUser, type AdminUserDetail, type AuditAction, type AuditPage, type CreatedUser,
  type ImportRefusal, type ImportResult, type InvitationAnswer, type Locale, type Role, type UserPage,
} from '../../types';

/** The role select's order: least power first. */
export const ROLES: readonly Role[] = ['employee', 'manager', 'communicator', 'admin'];

// The audit filter lists people's actions before announcements' (this page's order). The
// actions themselves are the server's list: a new one shows up here by itself (last, when it
// is of a new kind).
const ACTION_GROUPS = ['user', 'department', 'announcement', 'apiKey'];
const groupRank = (a: AuditAction) => {
  const i = ACTION_GROUPS.indexOf(a.slice(0, a.indexOf('.')));
  return i < 0 ? ACTION_GROUPS.length : i;
};
export const AUDIT_ACTIONS: readonly AuditAction[] = [...ALL_AUDIT_ACTIONS].sort((a, b) => groupRank(a) - groupRank(b));

export interface UserFilter { query?: string; department?: string; active?: '' | 'true' | 'false' }
export type UserInput = {
  email: string; name: string; role: Role; departments: { slug: string; isManager: boolean }[];
  locale: Locale; timezone: string; password?: string;
};
export type UserPatch = Partial<Omit<UserInput, 'email' | 'password'>> & { active?: boolean };

export const listUsers = (f: UserFilter, cursor?: string | null) =>
  api.get<UserPage>(`/api/admin/users${query({ query: f.query, department: f.department, active: f.active, limit: 50, cursor })}`);
export const getUser = (id: string) => api.get<AdminUserDetail>(`/api/admin/users/${encodeURIComponent(id)}`);
export const createUser = (input: UserInput) => api.post<CreatedUser>('/api/admin/users', input);
export const patchUser = (id: string, patch: UserPatch) => api.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, patch);
export const inviteUser = (id: string) => api.post<InvitationAnswer>(`/api/admin/users/${encodeURIComponent(id)}/invitation`);
export const listDepartments = () => api.get<AdminDepartment[]>('/api/admin/departments');
export const createDepartment = (d: { slug: string; name: string; slackChannelId: string | null }) => api.post<AdminDepartment>('/api/admin/departments', d);
export const patchDepartment = (id: string, d: Partial<{ slug: string; name: string; slackChannelId: string | null }>) =>
  api.patch<AdminDepartment>(`/api/admin/departments/${encodeURIComponent(id)}`, d);
export const listAudit = (action: string, before?: string | null) => api.get<AuditPage>(`/api/admin/audit${query({ action, before, limit: 50 })}`);

/** The import takes the file itself as a text/csv body; a 422 still carries the per-row answer. */
export async function importCsv(
  csv: string,
  opts: { dryRun: boolean; invite: boolean },
): Promise<{ ok: true; result: ImportResult } | { ok: false; result: ImportRefusal }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'text/csv' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers[CSRF_HEADER] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/admin/users/import${query({ dryRun: String(opts.dryRun), invite: String(opts.invite) })}`, { method: 'POST', headers, body: csv, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Network error');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, result: body as ImportResult };
  if (res.status === 422 && body && typeof body === 'object' && Array.isArray((body as ImportRefusal).errors)) return { ok: false, result: body as ImportRefusal };
  throw toApiError(res.status, body, res.statusText);
}
