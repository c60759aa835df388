// One log line per request: method, path, the route it matched, status, duration, who called
// (user or API key id) and a request id. Never headers (cookies, bearer tokens) and never the
// query string: a client may put a credential in it under any name (`?auth=`, `?t=`), so no
// list of "secret-looking" names can be trusted to catch it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

/** A request id a caller (or a proxy in front) may pass along; anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Requests that are not worth a line: probes and the metrics scrape. */
const QUIET = new Set(['/healthz', '/metrics']);

type Caller = Request & { apiKey?: { id: string } };

const pathOf = (url: string | undefined) => (url ?? '').split('?')[0]!;

/** What the request line says about the request: nothing the client could hide a secret in
 *  except the path itself (Heraldo takes no credential in a path). */
export function serializeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  return { id: req.id, method: req.method, path: pathOf(req.originalUrl ?? req.url) };
}

export function serializeResponse(res: ServerResponse) {
  return { statusCode: res.statusCode };
}

export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    wrapSerializers: false,
    serializers: { req: serializeRequest, res: serializeResponse },
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Called again when the response is finished: by then the route matched and the caller is known.
    customProps: (req) => {
      const r = req as Caller;
      return { route: r.route?.path as string | undefined, userId: r.user?.id, apiKeyId: r.apiKey?.id };
    },
    autoLogging: { ignore: (req) => QUIET.has(pathOf(req.url)) },
    // 4xx at info: refused requests are what an operator looks for when something is probing.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
  }) as unknown as RequestHandler;
}
