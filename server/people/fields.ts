// The rules of a person's and a department's fields, in one place: the admin routes' schemas,
// the CSV import and SCIM all normalize and check through these, so the three agree.
import { z } from 'zod';
import { normalizeTimeZone } from '../time-zone.js';
import { LOCALES, ROLES, type Locale, type Role } from '../wire/index.js';
import { invalid } from './errors.js';

// Roles and locales are wire words (the web's selects list them): the same lists, not copies.
export { LOCALES, ROLES } from '../wire/index.js';
export type RoleName = Role;
export type LocaleName = Locale;

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 1000;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const EMAIL = z.regexes.email;
// Control characters (NUL, escapes…) have no place in a name, and Postgres text refuses NUL;
// lone surrogates cannot be stored as UTF-8.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `  Ana@Example.COM ` → `ana@example.com`, or null when it is not an email address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

/** Display names: whitespace runs (a newline in a quoted CSV cell too) become one space. */
export function normalizeName(input: string, max = 200): string | null {
  const name = input.replace(/\s+/g, ' ').trim();
  return name.length >= 1 && name.length <= max && !CONTROL.test(name) ? name : null;
}

/** `es`, `ES`, `es-MX` → `es`; `en-GB` → `en`; anything else null. */
export function normalizeLocale(input: string): LocaleName | null {
  const base = input.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as LocaleName) : null;
}

/** A stored locale as the wire's word. The column is text, written only as en or es (the
 *  checks here, PATCH /api/me's schema): anything else reads as the default, en. */
export function storedLocale(text: string): LocaleName {
  return LOCALES.find((l) => l === text) ?? 'en';
}

export function isRole(input: string): input is RoleName {
  return (ROLES as readonly string[]).includes(input);
}

/** Null when acceptable, else why not. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `Use at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `Use at most ${MAX_PASSWORD} characters`;
  return null;
}

// ---- checks that throw a PeopleError naming the field (for callers that skipped a schema) ----

export function checkEmail(input: string, field = 'email'): string {
  const email = normalizeEmail(input);
  if (!email) throw invalid(field, 'Enter a valid email address');
  return email;
}

export function checkName(input: string, field = 'name'): string {
  const name = normalizeName(input);
  if (!name) throw invalid(field, 'Enter a name of 1 to 200 characters, without control characters');
  return name;
}

export function checkLocale(input: string, field = 'locale'): LocaleName {
  const locale = normalizeLocale(input);
  if (!locale) throw invalid(field, 'Use "en" or "es"');
  return locale;
}

export function checkTimeZone(input: string, field = 'timezone'): string {
  const zone = normalizeTimeZone(input);
  if (!zone) throw invalid(field, 'Unknown time zone');
  return zone;
}

export function checkRole(input: string, field = 'role'): RoleName {
  if (!isRole(input)) throw invalid(field, `Use one of ${ROLES.join(', ')}`);
  return input;
}

export function checkPassword(input: string, field = 'password'): string {
  const problem = passwordProblem(input);
  if (problem) throw invalid(field, problem);
  return input;
}

export function checkSlug(input: string, field = 'slug'): string {
  if (!SLUG.test(input)) throw invalid(field, 'Use 1 to 40 lower-case letters, digits and hyphens, starting with a letter or digit');
  return input;
}

/** Slack channel ids (`C0123ABCD`) or names; no spaces, no control characters. */
export function checkSlackChannel(input: string, field = 'slackChannelId'): string {
  const channel = input.trim();
  if (!/^[#A-Za-z0-9_.-]{1,80}$/.test(channel)) throw invalid(field, 'Use a Slack channel id such as C0123ABCD');
  return channel;
}
