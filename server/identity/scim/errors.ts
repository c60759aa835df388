// SCIM answers errors in its own schema (RFC 7644 §3.12), not Heraldo's {"error": …}: identity
// providers read `status` and `scimType` to decide whether to retry, match or give up.
import { ScimError as PatchLibraryError } from 'scim-patch';
import { ZodError } from 'zod';
import { PeopleError } from '../../people/index.js';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

export const scimNotFound = (what: string) => new ScimError(404, undefined, `No such ${what}`);
export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);

export function scimErrorBody(status: number, scimType: ScimType | undefined, detail: string) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

const fieldsText = (fields: Record<string, string> | undefined) =>
  fields ? Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ') : '';

/** The SCIM error for what the people functions, the PATCH library or a schema refused; null
 *  for anything else (the app's own handler answers those: 5xx, 503 while a service is away). */
export function toScimError(err: unknown): ScimError | null {
  if (err instanceof ScimError) return err;
  if (err instanceof PeopleError) {
    switch (err.code) {
      case 'conflict':
        return new ScimError(409, 'uniqueness', err.message);
      case 'not_found':
        // An unknown member in a Group's `members` is a bad value in the request, not a missing Group.
        return err.fields?.members ? invalidValue(`members: ${err.fields.members}`) : new ScimError(404, undefined, err.message);
      case 'last_admin':
        return new ScimError(409, undefined, err.message);
      default:
        return invalidValue(fieldsText(err.fields) || err.message);
    }
  }
  if (err instanceof PatchLibraryError) {
    const scimType = (err.scimCode as ScimType | undefined) ?? 'invalidSyntax';
    return new ScimError(400, scimType, err.message);
  }
  if (err instanceof ZodError) {
    const detail = err.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
    return invalidValue(detail);
  }
  // body-parser: malformed JSON, too large, wrong charset.
  const e = err as { status?: unknown; type?: unknown } | null;
  if (e && typeof e === 'object' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new ScimError(e.status, e.type === 'entity.parse.failed' ? 'invalidSyntax' : undefined, (err as Error).message || 'The request could not be understood');
  }
  return null;
}
