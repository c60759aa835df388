// Emitting to clients from any process (worker or api) through Redis: every api node's
// adapter hears it and delivers to the sockets it holds.
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { rooms, socketKey, type DeliveryBatch, type LifeBatch, type ServerToClientEvents } from './events.js';

export type RealtimeEmitter = Emitter<ServerToClientEvents>;

export function createEmitter(redis: Redis, redisPrefix: string): RealtimeEmitter {
  // The emitter publishes without looking at the reply; a publish refused (Redis away: this
  // connection queues nothing offline; or closed, a throttled update firing after shutdown)
  // must not become an unhandled rejection. A fan-out learns of a lost page from the PING
  // that follows it (notification-pages.ts), and its retry sends the page again.
  const publisher = { publish: (channel: string, message: string | Buffer) => redis.publish(channel, message).catch(() => 0) };
  return new Emitter<ServerToClientEvents>(publisher as unknown as Redis, { key: socketKey(redisPrefix) });
}

/** Sends one page of a fan-out's in-app notifications to every api node (see DeliveryBatch). */
export function deliverBatch(emitter: RealtimeEmitter, batch: DeliveryBatch): void {
  emitter.serverSideEmit('heraldo:deliver', batch);
}

/** Sends one page of an edit's or a retraction's event to every api node (see LifeBatch). */
export function lifeBatch(emitter: RealtimeEmitter, batch: LifeBatch): void {
  emitter.serverSideEmit('heraldo:life', batch);
}

const UPDATE_INTERVAL_MS = 1_000;
const lastUpdate = new Map<string, number>();
const trailing = new Map<string, NodeJS.Timeout>();

/**
 * Tells staff and the author that an announcement's numbers moved. A fan-out to 100,000
 * people settles 100,000 deliveries; watchers need a nudge a second, not one per delivery,
 * so this sends at most one per announcement per second (and always a last one).
 */
export function announceUpdate(emitter: RealtimeEmitter, announcementId: string, authorId: string | null): void {
  const send = () => {
    lastUpdate.set(announcementId, Date.now());
    emitter.to(authorId ? [rooms.staff, rooms.user(authorId)] : rooms.staff).emit('announcement:updated', { id: announcementId });
  };
  const wait = (lastUpdate.get(announcementId) ?? 0) + UPDATE_INTERVAL_MS - Date.now();
  if (wait <= 0) return send();
  if (trailing.has(announcementId)) return;
  const timer = setTimeout(() => {
    trailing.delete(announcementId);
    send();
  }, wait);
  timer.unref();
  trailing.set(announcementId, timer);
  if (lastUpdate.size > 10_000) lastUpdate.clear(); // forget old announcements
}
