// What the admin routes accept. The people concern checks the same rules again (fields.ts),
// for callers without a schema (SCIM); these give the API its field-by-field 400s.
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../../audit/audit.js';
import { MIN_PASSWORD, ROLES, SLUG, normalizeEmail, normalizeName } from '../../../people/index.js';
import { TimeZone } from '../../../time-zone.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => UUID.test(id);

const Email = z.string().max(320).transform((text, ctx) => normalizeEmail(text) ?? (ctx.addIssue({ code: 'custom', message: 'Enter a valid email address' }), z.NEVER));
const Name = z.string().transform((text, ctx) => normalizeName(text) ?? (ctx.addIssue({ code: 'custom', message: 'Enter a name of 1 to 200 characters, without control characters' }), z.NEVER));
const Slug = z.string().regex(SLUG, 'Use 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit');
const Role = z.enum(ROLES, { message: `Use one of ${ROLES.join(', ')}` });
const Locale = z.enum(['en', 'es'], { message: 'Use "en" or "es"' });
const Departments = z
  .array(z.object({ slug: Slug, isManager: z.boolean().optional() }).strict())
  .max(500, 'At most 500 departments');
const SlackChannel = z.string().trim().regex(/^[#A-Za-z0-9_.-]{1,80}$/, 'Use a Slack channel id such as C0123ABCD');

export const CreateUserBody = z
  .object({
    email: Email,
    name: Name,
    role: Role,
    departments: Departments.optional(),
    locale: Locale.optional(),
    timezone: TimeZone.optional(),
    password: z.string().min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`).max(1000, 'Use at most 1000 characters').optional(),
  })
  .strict();

export const PatchUserBody = z
  .object({
    name: Name.optional(),
    role: Role.optional(),
    departments: Departments.optional(),
    locale: Locale.optional(),
    timezone: TimeZone.optional(),
    active: z.boolean().optional(),
  })
  .strict();

const Limit = z.coerce.number().int('Use a whole number').min(1, 'At least 1').max(200, 'At most 200').default(50);
const Bool = (name: string) => z.enum(['true', 'false'], { message: `${name} is true or false` }).transform((v) => v === 'true');

export const ListUsersQuery = z.object({
  // Postgres text cannot hold NUL: refuse it here rather than fail in the query.
  query: z.string().max(200, 'At most 200 characters').refine((q) => !q.includes('\u0000'), 'Contains a NUL character').optional(),
  department: Slug.optional(),
  active: Bool('active').optional(),
  limit: Limit,
  cursor: z.string().max(1000).refine((c) => !c.includes('\u0000'), 'Not a cursor from this list').optional(),
});

export const DepartmentBody = z
  .object({ slug: Slug, name: Name, slackChannelId: SlackChannel.nullable().optional() })
  .strict();
export const PatchDepartmentBody = DepartmentBody.partial().strict();

export const ImportQuery = z.object({
  dryRun: Bool('dryRun').default(false),
  /** Invite the people the import creates (off by default: see README, "Importing people"). */
  invite: Bool('invite').default(false),
});

export const AuditQuery = z.object({
  limit: Limit,
  before: z
    .string()
    .regex(/^\d{1,19}$/, 'An event id from a previous page')
    .transform((v) => BigInt(v))
    .refine((v) => v <= 2n ** 63n - 1n, 'An event id from a previous page')
    .optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `One of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
});
