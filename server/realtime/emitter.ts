// Emitting to clients from any process (worker or api) through Redis: every api node's
// adapter hears it and delivers to the sockets it holds.
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { rooms, socketKey, type ServerToClientEvents } from './events.js';

export type RealtimeEmitter = Emitter<ServerToClientEvents>;

export function createEmitter(redis: Redis, redisPrefix: string): RealtimeEmitter {
  return new Emitter<ServerToClientEvents>(redis, { key: socketKey(redisPrefix) });
}

/** Tells staff and the author that an announcement's numbers moved. */
export function announceUpdate(emitter: RealtimeEmitter, announcementId: string, authorId: string): void {
  emitter.to([rooms.staff, rooms.user(authorId)]).emit('announcement:updated', { id: announcementId });
}
