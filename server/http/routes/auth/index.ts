import { Router, type Response } from 'express';
import { LIMITS, createLoginLimiter, signDevice, verifyDevice } from '../../../auth/login-limit.js';
import { DUMMY_HASH, verifyPassword } from '../../../auth/passwords.js';
import { invalidateSession } from '../../../auth/session-cache.js';
import { createSession, revokeSession } from '../../../auth/sessions.js';
import type { Context } from '../../../context.js';
import { loadMe } from '../me/me.js';
import { requireUser } from '../../authenticate.js';
import { readCookie } from '../../cookies.js';
import { HttpError } from '../../errors.js';
import { clearSessionCookies, setSessionCookies } from '../../session-cookies.js';
import { rooms } from '../../../realtime/events.js';
import { LoginBody } from './schema.js';

/** Marks a browser that signed in here (an id and its HMAC), for the sign-in limits. */
const DEVICE_COOKIE = 'heraldo_device';

export function authRoutes(ctx: Context): Router {
  const router = Router();
  const limiter = createLoginLimiter(ctx.redis, ctx.config.redisPrefix);

  router.post('/api/auth/login', async (req, res: Response) => {
    // With single sign-on only, a password (even a right one) is no way in.
    if (!ctx.config.passwordLogin) throw new HttpError(403, 'password_login_disabled', 'Sign-in with a password is turned off; use single sign-on');
    const { email, password } = LoginBody.parse(req.body);
    // req.ip is the client's address only with TRUST_PROXY right behind a proxy (README).
    const attempt = { email, ip: req.ip ?? 'unknown', device: verifyDevice(readCookie(req.headers.cookie, DEVICE_COOKIE), ctx.config.sessionSecret) };
    const { wait, known } = await limiter.acquire(attempt);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', wait < 60 ? `Too many failed sign-ins; try again in ${wait} s` : `Too many failed sign-ins; try again in ${Math.ceil(wait / 60)} min`);
    }
    const user = await ctx.prisma.user.findUnique({ where: { email } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    // A deactivated person (or one invited who has not set a password) cannot sign in.
    if (!user || !user.active || !user.passwordHash || !ok) {
      ctx.logger.info({ email }, 'sign-in refused');
      throw new HttpError(401, 'invalid_credentials', 'Wrong email or password');
    }
    const device = await limiter.succeeded(attempt, known);
    // This browser is now a known source for this account: others' failures do not slow it.
    res.cookie(DEVICE_COOKIE, signDevice(device, ctx.config.sessionSecret), {
      path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: ctx.config.secureCookies, maxAge: LIMITS.knownForSeconds * 1000,
    });
    const { token, expiresAt } = await createSession(ctx.prisma, user.id, ctx.config.sessionTtlMs);
    setSessionCookies(res, ctx.config, { token, expiresAt });
    ctx.logger.info({ userId: user.id }, 'signed in');
    res.json({ token, user: await loadMe(ctx.prisma, user.id) });
  });

  router.post('/api/auth/logout', async (req, res) => {
    const user = requireUser(req);
    await revokeSession(ctx.prisma, user.sessionId);
    // Api nodes that hold this session for socket handshakes forget it.
    await invalidateSession(ctx, user.sessionId);
    // Sockets opened with this session, on any api node, are cut too.
    ctx.emitter.in(rooms.session(user.sessionId)).disconnectSockets(true);
    clearSessionCookies(res, ctx.config);
    res.status(204).end();
  });

  return router;
}
