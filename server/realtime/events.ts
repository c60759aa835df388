// The typed contract between server and browser over socket.io. Clients send nothing that
// decides what they receive: rooms are joined by the server from the database.
import type { NotificationPayload } from '../inbox/notifications.js';
import type { NotificationRemoved, NotificationUpdate } from '../wire/index.js';

// What browsers receive is part of the wire contract (server/wire): the web imports the same types.
export type { ClientToServerEvents, ServerToClientEvents } from '../wire/index.js';

/**
 * One page of a fan-out, sent once to every api node (socket.io server-side emit through
 * Redis): the fields all recipients share, and each recipient's notification id. Each node
 * hands the notifications to the sockets it holds. One message per page instead of one per
 * recipient: pages of 500, 2,000, then 5,000 make a 10,000-person announcement 4 Redis messages,
 * not 10,000.
 */
export interface DeliveryBatch {
  shared: Omit<NotificationPayload, 'id' | 'readAt' | 'ackAt'>;
  /** [userId, notificationId] */
  recipients: [string, string][];
}

/**
 * One page of an edit's or a retraction's recipients, sent once to every api node like
 * DeliveryBatch: the event every one of them gets (the same for all), and their user ids.
 */
export type LifeBatch =
  | { event: 'notification:updated'; payload: NotificationUpdate; userIds: string[] }
  | { event: 'notification:removed'; payload: NotificationRemoved; userIds: string[] };

export interface InterServerEvents {
  'heraldo:deliver': (batch: DeliveryBatch) => void;
  'heraldo:life': (batch: LifeBatch) => void;
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  /** Communicators and admins: they watch every announcement's numbers. */
  staff: 'staff',
};

/** Redis key prefix shared by the socket.io adapter (api nodes) and the emitter (workers). */
export const socketKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;
