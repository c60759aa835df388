// The admin API as it answers: people, departments, the CSV import, the audit log and API
// keys (README "Administration"). Request bodies are not here: the web's forms are its own
// view of the route schemas (zod, server/http/routes/admin/schema.ts), which this module may
// not import.
import type { ActorType, ApiKeyScope, Locale, Role } from './enums.js';
import type { Department, MyDepartment } from './people.js';

/** A department a person belongs to, and whether they manage it: what /api/me shows too. */
export type AdminDepartmentRef = MyDepartment;

/** One person: GET /api/admin/users (items), PATCH /api/admin/users/:id. */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** False: deactivated (cannot sign in, receives nothing). */
  active: boolean;
  locale: Locale;
  timezone: string;
  /** Sorted by slug. */
  departments: AdminDepartmentRef[];
}

/** GET /api/admin/users/:id: the person, and whether they have chosen a password yet. */
export interface AdminUserDetail extends AdminUser {
  hasPassword: boolean;
}

/** POST /api/admin/users (201): the person, and whether an invitation email was queued. */
export interface CreatedUser extends AdminUser {
  invitationSent: boolean;
}

/** POST /api/admin/users/:id/invitation (202). With email off nothing is sent: expiresAt null. */
export interface InvitationAnswer {
  invitationSent: boolean;
  expiresAt: string | null;
}

/** GET /api/admin/users: ordered by name; `nextCursor` (null on the last page) asks for the next. */
export interface UserPage {
  items: AdminUser[];
  nextCursor: string | null;
}

/** GET /api/admin/departments (sorted by slug), and what POST and PATCH answer. */
export interface AdminDepartment extends Department {
  slackChannelId: string | null;
  /** Active members: the people an announcement to this department reaches today. */
  memberCount: number;
}

/** What the import does (or, in a dry run, would do) to one row of the file. */
export interface ImportRow {
  /** The row's physical line in the file (the header is line 1). */
  line: number;
  email: string;
  action: 'create' | 'update' | 'unchanged';
  /** The fields an update changes. */
  changes: string[];
}

/** One problem in the file; `field` is a column, or csv / row for the file's own shape. */
export interface ImportError {
  line: number;
  field: string;
  message: string;
}

/** What both answers of the import carry. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** The first 1,000 errors, by line. */
  errors: ImportError[];
  /** How many errors in all. */
  errorCount: number;
  /** Dry runs only: every valid row. */
  rows?: ImportRow[];
}

/** POST /api/admin/users/import, 200: imported (or checked, in a dry run). */
export interface ImportResult extends ImportCounts {
  /** Invitation emails queued for the people created (0 in a dry run or with email off). */
  invitationsSent: number;
}

/** POST /api/admin/users/import, 422: the file has errors, nothing was written. */
export interface ImportRefusal extends ImportCounts {
  error: { code: 'import_invalid'; message: string };
}

/** One event of the audit log. */
export interface AuditEvent {
  /** A bigint as text: the next page's `before`. */
  id: string;
  at: string;
  /** The name as it was then (a person renamed later keeps the old name here). */
  actor: { type: ActorType; id: string | null; name: string };
  /** One of AUDIT_ACTIONS, as stored (text). */
  action: string;
  targetType: string;
  targetId: string | null;
  /** JSON as the action wrote it: its shape depends on the action. */
  details: unknown;
}

/** GET /api/admin/audit: newest first; `nextCursor` (null on the last page) is the next `before`. */
export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

/** One API key: GET /api/admin/api-keys (items), DELETE /api/admin/api-keys/:id. */
export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart (the key itself is never stored). */
  keyPrefix: string;
  scopes: ApiKeyScope[];
  /** Empty: any department, and everyone; else only these. */
  departmentIds: string[];
  createdAt: string;
  /** Written at most once a minute; null: never used. */
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Null when no person created it, or that person is gone. */
  createdBy: { id: string; name: string } | null;
}

/** POST /api/admin/api-keys (201): the key itself is in this answer only. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}
