// The inbox over REST and the socket: notifications, receipts, and the socket.io event map.
import type { Priority } from './enums.js';

/** One inbox item (REST and the socket's `notification`). */
export interface Notification {
  id: string;
  announcementId: string;
  title: string;
  bodyHtml: string;
  /** The body's first words as plain text, written with the body (templates/plaintext snippetOf). */
  snippet: string;
  priority: Priority;
  requireAck: boolean;
  publishedAt: string | null;
  /** When the announcement was last edited after publication; null until then. */
  editedAt: string | null;
  readAt: string | null;
  ackAt: string | null;
  /** Department slugs of the audience, sorted. */
  departments: string[];
}

/** `notification:updated`: an announcement was edited; every inbox item of it shows this. */
export interface NotificationUpdate {
  announcementId: string;
  title: string;
  bodyHtml: string;
  snippet: string;
  priority: Priority;
  editedAt: string;
}

/** `notification:removed`: an announcement was retracted; its inbox item goes away. */
export interface NotificationRemoved {
  announcementId: string;
}

/** `receipt`: one notification was read or confirmed (in this or another tab). */
export interface ReceiptEvent {
  id: string;
  readAt: string | null;
  ackAt: string | null;
  unreadCount: number;
}

/** `inbox:read-all`: the person marked their whole inbox read. */
export interface InboxReadAll {
  readAt: string;
  unreadCount: number;
}

/** GET /api/inbox. */
export interface InboxPage {
  items: Notification[];
  unreadCount: number;
}

/** POST /api/inbox/:id/read and /ack. */
export interface ReceiptResponse {
  notification: Notification;
  unreadCount: number;
}

/** What the server emits to browsers over socket.io. */
export interface ServerToClientEvents {
  notification: (n: Notification) => void;
  receipt: (r: ReceiptEvent) => void;
  /** Staff room: an announcement's numbers changed; refetch its stats. */
  'announcement:updated': (e: { id: string }) => void;
  'notification:updated': (e: NotificationUpdate) => void;
  'notification:removed': (e: NotificationRemoved) => void;
  'inbox:read-all': (e: InboxReadAll) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- clients have nothing to say over the socket
export interface ClientToServerEvents {}
