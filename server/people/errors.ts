// What the people functions refuse, in words every caller can map: the admin routes turn a
// PeopleError into an HTTP error ({"error": {code, message, fields}}), SCIM into its own error
// schema (conflict → 409 "uniqueness"). This folder never imports from http/.

export type PeopleErrorCode =
  /** An email, slug or externalId that someone else has (409). */
  | 'conflict'
  /** The change would leave no active admin (409). */
  | 'last_admin'
  /** No such user or department (404). */
  | 'not_found'
  /** A field that is not acceptable; `fields` names it (400). */
  | 'validation_failed'
  /** A set-password token that is unknown, used or expired (400). */
  | 'invalid_token';

export class PeopleError extends Error {
  constructor(
    readonly code: PeopleErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'PeopleError';
  }
}

export const invalid = (field: string, message: string) => new PeopleError('validation_failed', message, { [field]: message });

/** Shared with the other concerns (server/db/errors.ts). */
export { isUniqueViolation } from '../db/errors.js';
