// Who may use /api/admin (admins), and how the people concern's refusals become HTTP answers.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { userActor, type Actor } from '../../../audit/audit.js';
import { PeopleError } from '../../../people/index.js';
import type { SessionUser } from '../../../auth/sessions.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';

/** 401 without a session, 403 for anyone but an admin: before any body is read or checked. */
export const requireAdmin: RequestHandler = (req, _res, next) => {
  const user = requireUser(req);
  next(user.role === 'admin' ? undefined : forbidden('Only admins may do this'));
};

export const adminActor = (req: Request): Actor => userActor(req.user as SessionUser);

const STATUS: Record<PeopleError['code'], number> = {
  conflict: 409, last_admin: 409, not_found: 404, validation_failed: 400, invalid_token: 400,
};

export function toHttpError(err: PeopleError): HttpError {
  return new HttpError(STATUS[err.code], err.code, err.message, err.fields);
}

/** Mounted after the routes of a router: PeopleError → HttpError, anything else passes on. */
export const peopleErrors: ErrorRequestHandler = (err, _req, _res, next) => {
  next(err instanceof PeopleError ? toHttpError(err) : err);
};
