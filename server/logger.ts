import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs. Credentials are redacted wherever they might ride along. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'heraldo', ...base },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}

/** Query parameters a client might (wrongly) put a credential in. */
const SECRET_PARAM = /token|session|csrf|password|secret/i;

/** pino-http's request serializer, wrapped: a credential put in the query string by a client
 *  (Heraldo takes none there) is logged neither in `url` nor in `query`. */
export function redactRequest<T extends { url?: string; query?: Record<string, unknown> }>(req: T): T {
  const url = req.url?.replace(/([?&])([^=&#]*)=([^&#]*)/g, (all, sep: string, name: string) =>
    SECRET_PARAM.test(decodeURIComponentSafe(name)) ? `${sep}${name}=[redacted]` : all,
  );
  const query = req.query && Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, SECRET_PARAM.test(k) ? '[redacted]' : v]));
  return { ...req, url, query };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
