// The admin API of people, departments, the import and the audit log, as the pages use it.
import { api, CSRF_COOKIE, CSRF_HEADER, query, readCookie, toApiError, ApiError } from '../../api';
import type { Role } from '../../types';

export interface AdminDepartmentRef { id: string; slug: string; name: string; isManager: boolean }
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  locale: 'en' | 'es';
  timezone: string;
  departments: AdminDepartmentRef[];
  hasPassword?: boolean;
}
export interface UserPage { items: AdminUser[]; nextCursor: string | null }
export interface AdminDepartment { id: string; slug: string; name: string; slackChannelId: string | null; memberCount: number }
export interface ImportRow { line: number; email: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }
export interface ImportError { line: number; field: string; message: string }
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
  errorCount?: number;
  rows?: ImportRow[];
  invitationsSent?: number;
}
export interface AuditEvent {
  id: string;
  at: string;
  actor: { type: 'user' | 'apiKey' | 'scim' | 'system'; id: string | null; name: string };
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
}
export interface AuditPage { items: AuditEvent[]; nextCursor: string | null }

export const ROLES: readonly Role[] = ['employee', 'manager', 'communicator', 'admin'];
export const AUDIT_ACTIONS = [
  'user.create', 'user.update', 'user.deactivate', 'user.import', 'department.create', 'department.update',
  'announcement.publish', 'announcement.edit', 'announcement.retract', 'announcement.cancel', 'announcement.remind', 'announcement.test',
  'apiKey.create', 'apiKey.revoke',
] as const;

export interface UserFilter { query?: string; department?: string; active?: '' | 'true' | 'false' }
export type UserInput = {
  email: string; name: string; role: Role; departments: { slug: string; isManager: boolean }[];
  locale: 'en' | 'es'; timezone: string; password?: string;
};
export type UserPatch = Partial<Omit<UserInput, 'email' | 'password'>> & { active?: boolean };

export const listUsers = (f: UserFilter, cursor?: string | null) =>
  api.get<UserPage>(`/api/admin/users${query({ query: f.query, department: f.department, active: f.active, limit: 50, cursor })}`);
export const getUser = (id: string) => api.get<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`);
export const createUser = (input: UserInput) => api.post<AdminUser & { invitationSent: boolean }>('/api/admin/users', input);
export const patchUser = (id: string, patch: UserPatch) => api.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, patch);
export const inviteUser = (id: string) => api.post<{ invitationSent: boolean; expiresAt: string }>(`/api/admin/users/${encodeURIComponent(id)}/invitation`);
export const listDepartments = () => api.get<AdminDepartment[]>('/api/admin/departments');
export const createDepartment = (d: { slug: string; name: string; slackChannelId: string | null }) => api.post<AdminDepartment>('/api/admin/departments', d);
export const patchDepartment = (id: string, d: Partial<{ slug: string; name: string; slackChannelId: string | null }>) =>
  api.patch<AdminDepartment>(`/api/admin/departments/${encodeURIComponent(id)}`, d);
export const listAudit = (action: string, before?: string | null) => api.get<AuditPage>(`/api/admin/audit${query({ action, before, limit: 50 })}`);

/** The import takes the file itself as a text/csv body; a 422 still carries the per-row answer. */
export async function importCsv(csv: string, opts: { dryRun: boolean; invite: boolean }): Promise<{ ok: boolean; result: ImportResult }> {
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
  if (res.status === 422 && body && typeof body === 'object' && Array.isArray((body as ImportResult).errors)) return { ok: false, result: body as ImportResult };
  throw toApiError(res.status, body, res.statusText);
}
