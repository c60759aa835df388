// Every error leaves as {"error": {"code", "message", "fields"?}} with a fitting status.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';
import { errorLocale, localizeFields, localizeMessage, localizeZodFields } from './locale/localize.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new HttpError(404, 'not_found', what);
export const forbidden = (why = 'Forbidden') => new HttpError(403, 'forbidden', why);
export const unauthorized = () => new HttpError(401, 'unauthorized', 'Sign in first');

export function zodFields(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Postgres (pg, Prisma) and Redis (ioredis) errors of a service being away or refusing us. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN',
  // Postgres: shutting down / starting up, connection failures, too many connections, refused logins.
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '28000', '28P01', '3D000',
  // Prisma: cannot reach / authenticate / timed out / denied / closed, pool timeout.
  'P1000', 'P1001', 'P1002', 'P1003', 'P1008', 'P1010', 'P1011', 'P1017', 'P2024',
]);
const UNAVAILABLE_MESSAGE = new RegExp(
  [
    'Connection terminated', 'terminating connection', 'connection is closed', 'is not queryable', "Can't reach database",
    'timeout exceeded when trying to connect', 'Unable to start a transaction in the given time',
    // ioredis, with the request-path connection failing fast (server/redis.ts)
    "Stream isn't writeable", 'enableOfflineQueue', 'max retries per request', 'Command timed out', 'Connection is closed',
  ].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'i',
);

/** Errors of the database or Redis being unreachable: the request may be retried. */
function isUnavailable(err: unknown, depth = 0): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } };
  if (!e || typeof e !== 'object' || depth > 4) return false;
  // Prisma's driver adapter keeps the driver's own verdict (and Postgres's code) here.
  const driver = e.meta?.driverAdapterError?.cause;
  return (
    (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) ||
    (typeof driver?.originalCode === 'string' && UNAVAILABLE_CODES.has(driver.originalCode)) ||
    (typeof driver?.kind === 'string' && /NotReachable|ConnectionClosed|SocketTimeout|AccessDenied|AuthenticationFailed|TooManyConnections|DatabaseDoesNotExist|TlsConnectionError/.test(driver.kind)) ||
    (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) ||
    (e.cause !== undefined && e.cause !== err && isUnavailable(e.cause, depth + 1))
  );
}

/** body-parser's tags for what it refused, with our codes and messages. */
const BODY_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'invalid_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'too_large', message: 'The request body is too large' },
  'charset.unsupported': { code: 'unsupported_charset', message: 'The request body must be UTF-8' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: 'Unsupported Content-Encoding' },
  'request.aborted': { code: 'bad_request', message: 'The request body was cut short' },
  'request.size.invalid': { code: 'bad_request', message: 'The request body does not match its Content-Length' },
};

const STATUS_CODES: Record<number, string> = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'too_large', 415: 'unsupported_media_type' };

/**
 * A client error that Express, its router or body-parser already recognised: they tag it with
 * a 4xx `status` (a path that is not valid percent-encoding is a URIError with status 400; a
 * body that is not the gzip its Content-Encoding claims is a 400). Without this they would
 * answer 500 and fill the error log with stacks anyone can cause.
 */
function clientError(err: unknown): { status: number; body: { code: string; message: string } } | null {
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown } | null;
  if (!e || typeof e !== 'object') return null;
  const tagged = BODY_ERRORS[String(e.type)];
  const raw = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const status = raw !== undefined && raw >= 400 && raw < 500 ? raw : err instanceof URIError ? 400 : undefined;
  if (status === undefined) return null;
  if (tagged) return { status, body: tagged };
  if (err instanceof URIError) return { status, body: { code: 'bad_request', message: 'The path is not valid percent-encoding' } };
  return { status, body: { code: STATUS_CODES[status] ?? 'bad_request', message: 'The request could not be understood' } };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let body: { code: string; message: string; fields?: Record<string, string> };
    if (err instanceof HttpError) {
      status = err.status;
      body = { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) };
    } else if (err instanceof ZodError) {
      status = 400;
      body = { code: 'validation_failed', message: 'Some fields are invalid', fields: zodFields(err) };
    } else if (clientError(err)) {
      ({ status, body } = clientError(err)!);
    } else if (isUnavailable(err)) {
      status = 503;
      body = { code: 'unavailable', message: 'A backing service is unavailable; try again shortly' };
      res.setHeader('Retry-After', '5');
    } else {
      body = { code: 'internal', message: 'Something went wrong on our side' };
    }
    // The path only: a query string may carry what a client should not have put there.
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    // In the reader's language (codes stay as they are: clients decide on those).
    const locale = errorLocale(req);
    if (locale !== 'en') {
      body = { ...body, message: localizeMessage(body.message, locale) };
      if (body.fields) body.fields = err instanceof ZodError ? localizeZodFields(err, body.fields, locale) : localizeFields(body.fields, locale);
    }
    res.status(status).json({ error: body });
  };
}
