// The typed contract between server and browser over socket.io. Clients send nothing that
// decides what they receive: rooms are joined by the server from the database.
import type { NotificationPayload } from '../inbox/notifications.js';

export interface ReceiptEvent { id: string; readAt: string | null; ackAt: string | null; unreadCount: number }

export interface ServerToClientEvents {
  notification: (n: NotificationPayload) => void;
  receipt: (r: ReceiptEvent) => void;
  'announcement:updated': (e: { id: string }) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- clients have nothing to say over the socket
export interface ClientToServerEvents {}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  /** Communicators and admins: they watch every announcement's numbers. */
  staff: 'staff',
};

/** Redis key prefix shared by the socket.io adapter (api nodes) and the emitter (workers). */
export const socketKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;
