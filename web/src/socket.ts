// The realtime connection: socket.io on the same origin, authenticated by the session
// cookie. Every (re)connection sends `since` = the newest notification id we know, so the
// server replays whatever we missed (oldest first); the inbox store drops duplicates.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, InboxReadAll, Notification, NotificationUpdate, ReceiptEvent, ServerToClientEvents } from './types';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface RealtimeHandlers {
  getSince: () => string | null;
  onNotification: (n: Notification) => void;
  onReceipt: (r: ReceiptEvent) => void;
  onAnnouncementUpdated: (id: string) => void;
  onState: (state: ConnectionState) => void;
  /** The server refused us (`connect_error` "unauthorized"): the session is gone. */
  onUnauthorized: () => void;
  /** After every successful (re)connection: a chance to refresh what the socket can't replay. */
  onConnected?: (reconnect: boolean) => void;
  /** An announcement in the inbox was edited (`notification:updated`). */
  onNotificationUpdated?: (update: NotificationUpdate) => void;
  /** An announcement in the inbox was retracted (`notification:removed`). */
  onNotificationRemoved?: (announcementId: string) => void;
  /** The whole inbox was marked read, in this tab or another (`inbox:read-all`). */
  onReadAll?: (e: InboxReadAll) => void;
}

export interface Realtime {
  close: () => void;
}

/** The socket typed with the server's event map (server/wire): an event renamed or reshaped
 *  there fails `tsc` here. */
export type HeraldoSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type IoFactory = (opts: Partial<ManagerOptions & SocketOptions>) => HeraldoSocket;

const defaultFactory: IoFactory = (opts) => io(opts);

export function connectRealtime(handlers: RealtimeHandlers, factory: IoFactory = defaultFactory): Realtime {
  let closed = false;
  let everConnected = false;
  const socket = factory({
    withCredentials: true,
    auth: (cb: (data: object) => void) => {
      const since = handlers.getSince();
      cb(since ? { since } : {});
    },
  });

  handlers.onState('connecting');

  socket.on('connect', () => {
    handlers.onState('connected');
    handlers.onConnected?.(everConnected);
    everConnected = true;
  });
  socket.on('disconnect', (reason: string) => {
    if (closed) return;
    handlers.onState('reconnecting');
    // The server hung up on purpose: socket.io won't retry by itself, so we do.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err: Error) => {
    if (closed) return;
    if (err.message === 'unauthorized') {
      handlers.onUnauthorized();
      return;
    }
    handlers.onState(everConnected ? 'reconnecting' : 'connecting');
    // A middleware error stops automatic retries; keep trying while the page is open.
    if (!socket.active) setTimeout(() => !closed && socket.connect(), 2000);
  });
  socket.on('notification', (n: Notification) => {
    if (n && n.id != null) handlers.onNotification({ ...n, id: String(n.id) });
  });
  socket.on('receipt', (r: ReceiptEvent) => {
    if (r && r.id != null) handlers.onReceipt({ ...r, id: String(r.id) });
  });
  socket.on('announcement:updated', (payload: { id?: string }) => {
    if (payload && payload.id !== undefined) handlers.onAnnouncementUpdated(String(payload.id));
  });
  socket.on('notification:updated', (u: NotificationUpdate) => {
    if (u && u.announcementId != null) handlers.onNotificationUpdated?.({ ...u, announcementId: String(u.announcementId) });
  });
  socket.on('notification:removed', (e: { announcementId?: string }) => {
    if (e && e.announcementId != null) handlers.onNotificationRemoved?.(String(e.announcementId));
  });
  socket.on('inbox:read-all', (e: InboxReadAll) => {
    if (e && typeof e.readAt === 'string') handlers.onReadAll?.(e);
  });

  return {
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
