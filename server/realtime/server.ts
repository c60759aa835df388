// socket.io: authenticate every connection, put it in the rooms the database says, replay
// what it missed, and share rooms across api nodes through the Redis adapter.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import { isStaff } from '../auth/permissions.js';
import { createSessionCache } from '../auth/session-cache.js';
import { SESSION_COOKIE, type SessionUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import { notificationsSince, parseNotificationId } from '../inbox/notifications.js';
import { closeRedis, createRedis } from '../redis.js';
import { readCookie } from '../http/cookies.js';
import { notificationFrames, writeNotification } from './frames.js';
import { createSocketLimits } from './limits.js';
import { rooms, socketKey, type ClientToServerEvents, type DeliveryBatch, type InterServerEvents, type LifeBatch, type ServerToClientEvents } from './events.js';

const REPLAY_PAGE = 500;

interface SocketData {
  user: SessionUser;
  since: bigint | null;
  /** Set while and after a socket catches up: the highest id replayed to it (a live copy of it,
   *  or of any smaller id, is then a duplicate), and the ids sent live during the catch-up. */
  catchUp?: { upTo: bigint; live: Set<string> | null };
}
type HeraldoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** `since` is a notification id (a decimal string); anything else means "no catch-up". */
function parseSince(value: unknown): bigint | null {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' ? parseNotificationId(text) : null;
}

/** Is `origin` this server (as the browser reached it, or as configured in PUBLIC_URL)? */
function sameOrigin(origin: string, host: string | undefined, publicUrl: string): boolean {
  try {
    const from = new URL(origin);
    return from.host === host || from.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}

export function createRealtime(httpServer: HttpServer, ctx: Context): RealtimeServer {
  const { config, logger, prisma, metrics } = ctx;
  // Outages of these connections are logged once for the process by ctx.services.
  const pub = createRedis(config.redisUrl, 'heraldo-socket-pub', 'blocking', ctx.services);
  const sub = createRedis(config.redisUrl, 'heraldo-socket-sub', 'blocking', ctx.services);
  // Handshakes read sessions in batches and keep them a short while (session-cache.ts).
  const sessions = createSessionCache(prisma, sub, config.redisPrefix);
  const limits = createSocketLimits({ socketsPerUser: config.socketsPerUser, connectsPerMinute: config.socketConnectsPerMinute, trustProxy: config.trustProxy });
  const io: RealtimeServer = new Server(httpServer, {
    adapter: createAdapter(pub, sub, { key: socketKey(config.redisPrefix) }),
    serveClient: false,
    cors: { origin: false },
    // Handshakes per address are counted before any work (the session lookup) is done.
    allowRequest: limits.allowRequest,
  });

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown; since?: unknown };
      const { headers } = socket.handshake;
      // The cookie rides along on any WebSocket a browser opens, from any page of a site that
      // shares our domain: take it only from a page of ours (browsers always send Origin).
      if (typeof auth.token !== 'string' && headers.origin && !sameOrigin(headers.origin, headers.host, config.publicUrl)) {
        return next(new Error('unauthorized'));
      }
      const token = typeof auth.token === 'string' ? auth.token : readCookie(headers.cookie, SESSION_COOKIE);
      const user = await sessions.find(token);
      if (!user) return next(new Error('unauthorized'));
      if (!limits.admit(user.id, socket.id)) return next(new Error('too_many_connections'));
      // The slot is freed however the socket ends, connected or not (a client that left
      // during its handshake never gets a 'disconnect').
      const release = () => limits.release(user.id, socket.id);
      socket.conn.once('close', release);
      socket.once('disconnect', release);
      socket.data = { user, since: parseSince(auth.since) };
      next();
    } catch (err) {
      logger.error({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  io.on('heraldo:deliver', (batch) => deliverLocally(io, batch));
  io.on('heraldo:life', (batch) => lifeLocally(io, batch));

  io.on('connection', (socket: HeraldoSocket) => {
    metrics.connectedSockets.inc();
    socket.on('disconnect', () => metrics.connectedSockets.dec());
    void onConnection(socket, ctx).catch((err: unknown) => {
      logger.error({ err, userId: socket.data.user.id }, 'socket setup failed');
      socket.disconnect(true);
    });
  });

  // While this node's subscriber is away (Redis restarting, a network cut), events published
  // for its sockets reach nobody, and its clients would never know. Once it has subscribed
  // again, drop their connections: they reconnect by themselves with `since` and catch up from
  // Postgres (and sign in again, so a session revoked meanwhile is refused).
  let subscriptionLost = false;
  sub.on('close', () => (subscriptionLost = true));
  sub.on('ready', () => {
    if (!subscriptionLost) return;
    subscriptionLost = false;
    // Commands on a connection answer in order: after this PING, the re-subscriptions are done.
    void sub.ping().then(
      () => {
        logger.warn({ sockets: io.of('/').sockets.size }, 'socket.io subscription restored; clients reconnect to catch up');
        for (const socket of io.of('/').sockets.values()) socket.conn.close();
      },
      (err: Error) => logger.warn({ err: err.message }, 'socket.io subscription check failed'),
    );
  });

  const close = io.close.bind(io);
  io.close = (fn) =>
    close((err) => {
      void sessions.close();
      limits.close();
      // QUIT, not disconnect: the adapter's UNSUBSCRIBEs are still queued and must go first
      // (closeRedis quits when connected, and does not wait on a Redis that is away).
      void Promise.allSettled([closeRedis(pub), closeRedis(sub)]).then(() => fn?.(err));
    });
  return io;
}

/**
 * Hands one fan-out page to the recipients connected to this node (rooms are local sets).
 * The events differ only by the notification id, so the rest is encoded once per page and
 * every socket gets a pre-built frame around its id (frames.ts): encoding the whole
 * notification per recipient was the hub's largest cost against a plain broadcast
 * (docs/benchmarks.md).
 */
function deliverLocally(io: RealtimeServer, { shared, recipients }: DeliveryBatch): void {
  const nsp = io.of('/');
  const local = nsp.adapter.rooms;
  const frames = notificationFrames(shared);
  for (const [userId, id] of recipients) {
    const sockets = local.get(rooms.user(userId));
    if (!sockets) continue;
    for (const socketId of sockets) {
      const socket = nsp.sockets.get(socketId);
      if (!socket) continue;
      const catchUp = socket.data.catchUp;
      if (catchUp) {
        if (BigInt(id) <= catchUp.upTo) continue; // replayed already
        catchUp.live?.add(id);
      }
      writeNotification(socket, frames, id);
    }
  }
}

/** Hands an edit's or a retraction's event to the recipients of one page connected to this
 *  node: a local broadcast to their rooms encodes the packet once for all of them. */
function lifeLocally(io: RealtimeServer, batch: LifeBatch): void {
  const local = io.of('/').adapter.rooms;
  const targets = batch.userIds.map(rooms.user).filter((room) => local.has(room));
  if (targets.length === 0) return;
  const to = io.local.to(targets);
  if (batch.event === 'notification:updated') to.emit('notification:updated', batch.payload);
  else to.emit('notification:removed', batch.payload);
}

async function onConnection(socket: HeraldoSocket, ctx: Context): Promise<void> {
  const { user, since } = socket.data;
  // A session that ends while connected is cut at its expiry; logout cuts it through the session room.
  const expiry = setTimeout(() => socket.disconnect(true), Math.min(user.expiresAt.getTime() - Date.now(), 2 ** 31 - 1));
  socket.on('disconnect', () => clearTimeout(expiry));

  const joined = [rooms.user(user.id), rooms.session(user.sessionId)];
  if (isStaff(user)) joined.push(rooms.staff);
  if (since === null) {
    // No catch-up asked: join in this very tick, so nothing published after the client saw
    // "connect" can slip past it.
    await socket.join(joined);
    return;
  }
  // Catch-up before joining the live room, so that the missed ones come first, oldest first;
  // then a second pass covers anything committed while the first was running. Replay and live
  // never send the same id twice: ids grow in commit order, so a live one at or below the
  // highest replayed id was replayed, and one sent live during the second pass is skipped by it.
  const catchUp = { upTo: since, live: null as Set<string> | null };
  socket.data.catchUp = catchUp;
  const replay = async () => {
    for (;;) {
      const missed = await notificationsSince(ctx.prisma, user.id, catchUp.upTo, REPLAY_PAGE);
      for (const n of missed) if (!catchUp.live?.has(n.id)) socket.emit('notification', n);
      if (missed.length > 0) catchUp.upTo = BigInt(missed[missed.length - 1]!.id);
      if (missed.length < REPLAY_PAGE) return;
    }
  };
  await replay();
  catchUp.live = new Set();
  await socket.join(joined);
  await replay();
  catchUp.live = null;
}
