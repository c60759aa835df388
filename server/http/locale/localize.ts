// Error messages in the reader's language. The web app sends its language as
// Accept-Language; other clients get English (the default, and what `*` means). Messages the
// code wrote are looked up in a catalogue; zod's own (for schemas that give none) are
// written again by zod's Spanish locale from the issue's code and numbers.
import type { Request } from 'express';
import { z, type ZodError } from 'zod';
import { ES } from './es.js';

export type ErrorLocale = 'en' | 'es';

export function errorLocale(req: Request): ErrorLocale {
  if (!req.headers['accept-language']) return 'en';
  return req.acceptsLanguages('en', 'es') === 'es' ? 'es' : 'en';
}

const zodEn = z.locales.en().localeError as unknown as (issue: object) => string | { message: string } | undefined;
const zodEs = z.locales.es().localeError as unknown as (issue: object) => string | { message: string } | undefined;
const text = (r: string | { message: string } | undefined) => (typeof r === 'string' ? r : r?.message);

/** One zod issue's message in Spanish, or its English one when no translation is known. */
function issueInSpanish(issue: ZodError['issues'][number]): string {
  if (ES[issue.message]) return ES[issue.message]!;
  // zod's own message (the schema gave none): its Spanish locale says the same. The issue no
  // longer holds the input, so "received …" is left out of type errors.
  const own = issue.code === 'invalid_type' ? /^Invalid input: expected /.test(issue.message) : text(zodEn(issue)) === issue.message;
  if (!own) return issue.message;
  const spanish = text(zodEs(issue));
  if (!spanish) return issue.message;
  return issue.code === 'invalid_type' ? spanish.replace(/, recibido .*$/, '') : spanish;
}

export function localizeMessage(message: string, locale: ErrorLocale): string {
  return locale === 'es' ? (ES[message] ?? message) : message;
}

/** `fields` (first issue per field, as zodFields) in the reader's language. */
export function localizeZodFields(err: ZodError, fields: Record<string, string>, locale: ErrorLocale): Record<string, string> {
  if (locale !== 'es') return fields;
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issueInSpanish(issue);
  }
  return out;
}

/** Other errors' `fields` (written by the code): through the catalogue. */
export function localizeFields(fields: Record<string, string>, locale: ErrorLocale): Record<string, string> {
  if (locale !== 'es') return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, ES[v] ?? v]));
}
