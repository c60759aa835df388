// The closed sets of words the API and the socket use. Plain `as const` arrays (the web's
// selects and checkboxes list them) and the union types read from them. The Prisma enums of
// the same names must stay equal to these: server/db/wire-enums.ts fails `tsc` otherwise.

export const ROLES = ['admin', 'communicator', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['in_app', 'email', 'slack'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EMAIL_PREFERENCES = ['all', 'important', 'digest', 'none'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** As the announcement list and detail show it: the stored status, or draft / expired. */
export type AnnouncementStatus = 'draft' | 'scheduled' | 'published' | 'cancelled' | 'expired' | 'retracted';

/** Who did something, in the audit log: a person, a system through an API key, the identity
 *  provider's SCIM client, or Heraldo itself (scheduled work). */
export const ACTOR_TYPES = ['user', 'apiKey', 'scim', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** What an API key may do: publish announcements, or manage people over SCIM. */
export const API_KEY_SCOPES = ['announcements:write', 'scim'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every action the audit log records (README "Audit log"; `?action=` filters on these). */
export const AUDIT_ACTIONS = [
  'announcement.publish', 'announcement.edit', 'announcement.retract', 'announcement.cancel', 'announcement.remind',
  'announcement.test',
  'user.create', 'user.update', 'user.deactivate', 'user.import',
  'department.create', 'department.update',
  'apiKey.create', 'apiKey.revoke',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
