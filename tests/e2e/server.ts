// The server side of the browser tests: who is who, when a browser is really listening, when
// an announcement's fan-out has finished.
import type { Heraldo } from '../../server/heraldo.js';
import { rooms } from '../../server/realtime/events.js';
import { waitUntil, type Client, type World } from '../support/harness.js';

export async function userId(world: World, email: string): Promise<string> {
  const user = await world.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return user.id;
}

/**
 * Until `count` sockets sit in `room` on `node`. The browser shows "connected" as soon as the
 * handshake succeeds, a moment before the server has put the socket in its rooms: a
 * notification emitted in between still reaches the inbox (the page refreshes it on
 * connect) but raises no toast, so a test that publishes right then would be racing.
 */
export async function waitInRoom(node: Heraldo, room: string, count = 1): Promise<void> {
  const io = node.io;
  if (!io) throw new Error('node runs no realtime service');
  await waitUntil(() => (io.of('/').adapter.rooms.get(room)?.size ?? 0) >= count, 10_000, `${count} socket(s) in room ${room}`);
}

export const waitUserListening = async (node: Heraldo, world: World, email: string) =>
  waitInRoom(node, rooms.user(await userId(world, email)));

export const waitStaffListening = (node: Heraldo, count = 1) => waitInRoom(node, rooms.staff, count);

/** Until the fan-out of `announcementId` is done: every notification created and emitted. */
export async function waitFannedOut(world: World, announcementId: string): Promise<void> {
  await waitUntil(
    async () => {
      const a = await world.prisma.announcement.findUnique({ where: { id: announcementId }, select: { fannedOutAt: true } });
      return Boolean(a?.fannedOutAt);
    },
    10_000,
    `fan-out of ${announcementId}`,
  );
}

export async function publish(
  client: Client,
  announcement: { title: string; body?: string; audience: unknown; priority?: string; requireAck?: boolean },
): Promise<string> {
  const res = await client.json<{ id: string }>('/api/announcements', {
    method: 'POST',
    body: { body: `About **${announcement.title}**.`, channels: ['in_app'], priority: 'normal', ...announcement },
  });
  if (res.status !== 201) throw new Error(`publish ${announcement.title}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
