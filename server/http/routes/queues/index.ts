// The queue dashboard (bull-board) for admins: waiting, delayed, active, failed and finished
// jobs of every queue, with retry, promote and clean. It sits behind Heraldo's own sign-in
// (an admin's session cookie or bearer token; an API key is refused like anyone signed out)
// and Heraldo's Content Security Policy, and its writes need the CSRF token like any
// cookie-authenticated write.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type RequestHandler } from 'express';
import { SESSION_COOKIE, csrfTokenFor } from '../../../auth/sessions.js';
import type { Context } from '../../../context.js';
import { QUEUE_NAMES } from '../../../delivery/queues.js';
import { readCookie } from '../../cookies.js';
import { requireUser } from '../../authenticate.js';
import { forbidden } from '../../errors.js';

export const QUEUES_PATH = '/admin/queues';
/** The dashboard's client (axios) sends this cookie's value back as X-XSRF-TOKEN, which
 *  authenticate() accepts in place of X-CSRF-Token. */
const XSRF_COOKIE = 'XSRF-TOKEN';

export function queueDashboardRoutes(ctx: Context): Router {
  const adapter = new ExpressAdapter().setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(ctx.queues[name])),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'Heraldo queues',
        miscLinks: [{ text: 'Back to Heraldo', url: '/' }],
        hideDocsLink: true,
        // Its per-poll CLIENT LIST is not worth it here: workers show in the job counts.
        showWorkers: false,
      },
    },
  });
  const board = adapter.getRouter();
  board.disable('x-powered-by');
  // Called as a plain handler (not app.use(board)), so that the route table the security
  // tests read shows this mount as the one guarded route below; like a mounted app, it gets
  // the request back with the parent's prototypes on the way out.
  const mounted: RequestHandler = (req, res, next) => {
    const [reqProto, resProto] = [Object.getPrototypeOf(req) as object, Object.getPrototypeOf(res) as object];
    board(req, res, (err?: unknown) => {
      Object.setPrototypeOf(req, reqProto);
      Object.setPrototypeOf(res, resProto);
      next(err);
    });
  };

  const router = Router();
  router.all(`${QUEUES_PATH}{/*rest}`, (req, res, next) => {
    // An API key is no person: like anyone signed out, it gets 401 here.
    const user = requireUser(req);
    if (user.role !== 'admin') throw forbidden('Only admins see the queues');
    // Heraldo's policy, but the page locates its scripts with <base href>: allow our own.
    const csp = res.getHeader('Content-Security-Policy');
    if (typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace("base-uri 'none'", "base-uri 'self'"));
    res.setHeader('Cache-Control', 'no-store');
    const cookieSession = req.sessionToken && readCookie(req.headers.cookie, SESSION_COOKIE) === req.sessionToken;
    if (cookieSession && req.method === 'GET') {
      const token = csrfTokenFor(req.sessionToken!, ctx.config.sessionSecret);
      if (readCookie(req.headers.cookie, XSRF_COOKIE) !== token) {
        res.cookie(XSRF_COOKIE, token, { path: QUEUES_PATH, sameSite: 'lax', secure: ctx.config.secureCookies, httpOnly: false });
      }
    }
    next();
  });
  router.use(QUEUES_PATH, mounted);
  return router;
}
