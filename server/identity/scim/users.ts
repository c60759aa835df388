// A Heraldo person as a SCIM User (RFC 7643 §4.1), and SCIM User bodies as changes to a
// person. Heraldo keeps one `name` and one email: `userName` is the email, `displayName`
// and `name.formatted` are the name, `name.givenName` / `name.familyName` are the name split
// at its first space (so a PATCH of either one rebuilds the whole name).
import { z } from 'zod';
import { normalizeLocale, normalizeName, type UserPatch, type UserView } from '../../people/index.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Entra ID sends booleans as the strings "True" / "False". */
export const boolish = z.union([z.boolean(), z.string().regex(/^(true|false)$/i, 'Use true or false').transform((v) => v.toLowerCase() === 'true')]);
const str = (max: number) => z.string().max(max);

const NameBody = z.looseObject({
  formatted: str(400).nullish(),
  givenName: str(200).nullish(),
  middleName: str(200).nullish(),
  familyName: str(200).nullish(),
});

const EmailBody = z.looseObject({ value: str(320), type: str(40).nullish(), primary: boolish.nullish() });

/** What we read from a User body; anything else (enterprise extension, phone numbers…) is
 *  accepted and ignored, as SCIM clients send far more than any one service stores. */
export const UserBody = z.looseObject({
  userName: str(320).min(1, 'userName is required'),
  externalId: str(255).nullish(),
  displayName: str(400).nullish(),
  name: NameBody.nullish(),
  emails: z.array(EmailBody).max(20).nullish(),
  active: boolish.nullish(),
  locale: str(35).nullish(),
  preferredLanguage: str(35).nullish(),
  timezone: str(100).nullish(),
});
export type UserBody = z.infer<typeof UserBody>;

export interface UserRecord extends UserView {
  createdAt: Date;
  updatedAt: Date;
}

function splitName(name: string): { givenName: string; familyName?: string } {
  const space = name.indexOf(' ');
  return space < 0 ? { givenName: name } : { givenName: name.slice(0, space), familyName: name.slice(space + 1) };
}

export function toScimUser(u: UserRecord, base: string) {
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    ...(u.externalId ? { externalId: u.externalId } : {}),
    userName: u.email,
    name: { formatted: u.name, ...splitName(u.name) },
    displayName: u.name,
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.active,
    locale: u.locale,
    preferredLanguage: u.locale,
    timezone: u.timezone,
    groups: u.departments.map((d) => ({ value: d.id, display: d.name, $ref: `${base}/Groups/${d.id}` })),
    meta: {
      resourceType: 'User',
      created: u.createdAt.toISOString(),
      lastModified: u.updatedAt.toISOString(),
      location: `${base}/Users/${u.id}`,
    },
  };
}
export type ScimUser = ReturnType<typeof toScimUser>;

const clean = (s: string | null | undefined) => (s ? normalizeName(s) : null);
const joined = (n: UserBody['name']) => clean([n?.givenName, n?.middleName, n?.familyName].filter(Boolean).join(' '));

/** The person's one name from a body: displayName, else name.formatted, else the parts. */
export function nameOf(body: UserBody): string {
  return clean(body.displayName) ?? clean(body.name?.formatted) ?? joined(body.name) ?? body.userName.split('@')[0]!;
}

/** A locale Heraldo speaks (en, es), or undefined: a language Heraldo does not have is left
 *  out rather than refused, so one unsupported preference does not stop a provisioning. */
export function localeOf(body: UserBody): string | undefined {
  const raw = body.locale ?? body.preferredLanguage;
  return (raw && normalizeLocale(raw)) || undefined;
}

/** What a POST creates. */
export function newUserFields(body: UserBody) {
  return {
    email: body.userName,
    name: nameOf(body),
    active: body.active ?? true,
    locale: localeOf(body),
    timezone: body.timezone ?? undefined,
    externalId: body.externalId ?? null,
  };
}

/** What a PUT changes. Attributes it leaves out stay as they are: Heraldo has defaults, not
 *  blanks, for locale, time zone and active. */
export function replacementPatch(body: UserBody): UserPatch {
  return {
    email: body.userName,
    name: nameOf(body),
    ...(body.active != null ? { active: body.active } : {}),
    ...(localeOf(body) ? { locale: localeOf(body) } : {}),
    ...(body.timezone ? { timezone: body.timezone } : {}),
    ...(body.externalId !== undefined ? { externalId: body.externalId } : {}),
  };
}

const primaryEmail = (body: UserBody) =>
  (body.emails?.find((e) => e.primary === true) ?? body.emails?.find((e) => e.type?.toLowerCase() === 'work') ?? body.emails?.[0])?.value;

/**
 * The change a PATCH made: `before` is the document the operations were applied to, `after`
 * the result (see patch.ts). Only what changed is written, so an operation that repeats the
 * current value records nothing.
 */
export function patchedFields(before: ScimUser, after: UserBody): UserPatch {
  const patch: UserPatch = {};
  const userName = after.userName.toLowerCase();
  const email = primaryEmail(after)?.toLowerCase();
  if (userName !== before.userName) patch.email = after.userName;
  else if (email && email !== before.userName) patch.email = email;

  const display = clean(after.displayName);
  const formatted = clean(after.name?.formatted);
  const parts = joined(after.name);
  if (display && display !== before.displayName) patch.name = display;
  else if (formatted && formatted !== before.name.formatted) patch.name = formatted;
  else if (parts && (after.name?.givenName !== before.name.givenName || after.name?.familyName !== before.name.familyName)) patch.name = parts;

  if (after.active != null && after.active !== before.active) patch.active = after.active;
  // Both attributes show the same locale; whichever the operations changed is the new one.
  const changedLocale = after.locale !== before.locale ? after.locale : after.preferredLanguage !== before.preferredLanguage ? after.preferredLanguage : null;
  const locale = changedLocale ? normalizeLocale(changedLocale) : null;
  if (locale && locale !== before.locale) patch.locale = locale;
  if (after.timezone && after.timezone !== before.timezone) patch.timezone = after.timezone;
  const externalId = after.externalId ?? null;
  if (externalId !== (before.externalId ?? null)) patch.externalId = externalId;
  return patch;
}
