// socket.io: authenticate every connection, put it in the rooms the database says, replay
// what it missed, and share rooms across api nodes through the Redis adapter.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import { isStaff } from '../auth/permissions.js';
import { SESSION_COOKIE, findSessionUser, type SessionUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { notificationsSince } from '../inbox/notifications.js';
import { createRedis } from '../redis.js';
import { readCookie } from '../http/cookies.js';
import { rooms, socketKey, type ClientToServerEvents, type ServerToClientEvents } from './events.js';

const REPLAY_PAGE = 500;

interface SocketData { user: SessionUser; since: bigint | null }
type HeraldoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** `since` is a notification id (a decimal string); anything else means "no catch-up". */
function parseSince(value: unknown): bigint | null {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d{1,19}$/.test(text) ? BigInt(text) : null;
}

export function createRealtime(httpServer: HttpServer, ctx: Context): RealtimeServer {
  const { config, logger, prisma, metrics } = ctx;
  const pub = createRedis(config.redisUrl, 'heraldo-socket-pub');
  const sub = createRedis(config.redisUrl, 'heraldo-socket-sub');
  for (const c of [pub, sub]) c.on('error', (err) => logger.warn({ err: err.message }, 'socket.io redis error'));
  const io: RealtimeServer = new Server(httpServer, {
    adapter: createAdapter(pub, sub, { key: socketKey(config.redisPrefix) }),
    serveClient: false,
    cors: { origin: false },
  });

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown; since?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const user = await findSessionUser(prisma, token);
      if (!user) return next(new Error('unauthorized'));
      socket.data = { user, since: parseSince(auth.since) };
      next();
    } catch (err) {
      logger.error({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket: HeraldoSocket) => {
    metrics.connectedSockets.inc();
    socket.on('disconnect', () => metrics.connectedSockets.dec());
    void onConnection(socket, ctx).catch((err: unknown) => {
      logger.error({ err, userId: socket.data.user.id }, 'socket setup failed');
      socket.disconnect(true);
    });
  });

  const close = io.close.bind(io);
  io.close = (fn) =>
    close((err) => {
      // QUIT, not disconnect: the adapter's UNSUBSCRIBEs are still queued and must go first.
      void Promise.allSettled([pub.quit(), sub.quit()]).then(() => fn?.(err));
    });
  return io;
}

async function onConnection(socket: HeraldoSocket, ctx: Context): Promise<void> {
  const { user, since } = socket.data;
  // A session that ends while connected is cut at its expiry; logout cuts it through the session room.
  const expiry = setTimeout(() => socket.disconnect(true), Math.min(user.expiresAt.getTime() - Date.now(), 2 ** 31 - 1));
  socket.on('disconnect', () => clearTimeout(expiry));

  // Catch-up before joining the live room, so that the missed ones come first, oldest first;
  // then a second pass covers anything committed while the first was running.
  let last = since;
  const replay = async () => {
    if (last === null) return;
    for (;;) {
      const missed = await notificationsSince(ctx.prisma, user.id, last, REPLAY_PAGE);
      for (const n of missed) socket.emit('notification', n);
      if (missed.length > 0) last = BigInt(missed[missed.length - 1]!.id);
      if (missed.length < REPLAY_PAGE) return;
    }
  };
  await replay();
  const joined = [rooms.user(user.id), rooms.session(user.sessionId)];
  if (isStaff(user)) joined.push(rooms.staff);
  await socket.join(joined);
  await replay();
}
