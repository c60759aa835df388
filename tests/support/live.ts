// A live client that behaves like the web client's socket: it reconnects by itself (to the
// same node, or to the next one of a list when its node is gone) and sends `since` = the
// newest notification id it has on every (re)connection. It keeps every event exactly as
// received, duplicates included, so tests can tell a gap from a duplicate.
import { io as connect, type Socket } from 'socket.io-client';
import type { NotificationPayload } from '../../server/inbox/notifications.js';
import { waitUntil } from './harness.js';

export interface ResilientClient {
  /** Every `notification` event in arrival order, repeats included. */
  received: NotificationPayload[];
  /** Ids received more than once. */
  repeats(): string[];
  /** How many times it connected (1 + reconnections). */
  connects: number;
  /** connect_error messages, in order. */
  errors: string[];
  /** The base url of the node it is connected to now. */
  node(): string;
  connected(): boolean;
  waitForIds(ids: Iterable<string>, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * Connects to `urls[0]`; when the connection drops it tries the urls in turn (a load balancer
 * in miniature), with `since` set to the newest id it has seen.
 */
export async function resilientLive(urls: string[], token: string): Promise<ResilientClient> {
  const received: NotificationPayload[] = [];
  // Like the web client, start from the newest notification of the inbox (0: an empty inbox).
  const inbox = await fetch(`${urls[0]}/api/inbox?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const { items } = (await inbox.json()) as { items: { id: string }[] };
  let newest = BigInt(items[0]?.id ?? 0);
  let at = 0;
  let socket: Socket;
  let closed = false;
  const client: ResilientClient = {
    received,
    connects: 0,
    errors: [],
    repeats: () => received.filter((n, i) => received.findIndex((m) => m.id === n.id) !== i).map((n) => n.id),
    node: () => urls[at]!,
    connected: () => socket.connected,
    waitForIds: (ids, timeoutMs = 20_000) => {
      const wanted = [...ids];
      return waitUntil(
        () => wanted.every((id) => received.some((n) => n.id === id)),
        timeoutMs,
        `notifications ${wanted.length} (have ${received.length})`,
      );
    },
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
  const open = () => {
    socket = connect(urls[at]!, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: (cb) => cb({ token, since: newest.toString() }),
    });
    socket.on('notification', (n: NotificationPayload) => {
      received.push(n);
      if (BigInt(n.id) > newest) newest = BigInt(n.id);
    });
    socket.on('connect', () => void (client.connects += 1));
    // The server hung up on purpose (e.g. to make us catch up): socket.io won't retry by itself.
    socket.on('disconnect', (reason) => {
      if (!closed && reason === 'io server disconnect') socket.connect();
    });
    // Refused by the server (not "unauthorized": a node busy or restarting): socket.io does not
    // retry that by itself; the web client does, and so do we.
    socket.on('connect_error', (err) => {
      client.errors.push(err.message);
      if (!closed && err.message !== 'unauthorized' && !socket.active) setTimeout(() => !closed && socket.connect(), 100);
    });
    // The node is gone: move on to the next one.
    socket.io.on('reconnect_attempt', (attempt) => {
      if (attempt > 1 && urls.length > 1) {
        socket.disconnect();
        at = (at + 1) % urls.length;
        if (!closed) open();
      }
    });
  };
  open();
  await waitUntil(() => socket.connected, 10_000, 'the socket to connect');
  return client;
}
