// Variant "one-frame": server/realtime/frames.ts writing one identical frame to every recipient
// of a page, as if every notification of a page shared one id (the first recipient's). The
// ids the clients get are wrong for all but one of them: this measures what sending a
// socket.io-style broadcast frame per page would save, not a working design (per-recipient
// ids are what keeps a notification id one person's; see docs/benchmarks.md).
import type { Socket } from 'socket.io';
import { PACKET_START, headFor, notificationFrames, type NotificationFrames } from '../../server/realtime/frames.js';

export { notificationFrames, type NotificationFrames };

/** Per page (its shared part): the whole frame and packet text, built for the first id. */
const whole = new WeakMap<NotificationFrames, { frame: Buffer[]; text: string }>();

export function writeNotification(socket: Socket, frames: NotificationFrames, id: string): void {
  let page = whole.get(frames);
  if (!page) {
    const first = Buffer.concat([headFor(frames, id.length), Buffer.from(id, 'latin1')]);
    page = { frame: [first, frames.rest], text: PACKET_START + id + frames.restText };
    whole.set(frames, page);
  }
  (socket.client as unknown as { _packet(p: string[], o: object): void })._packet([page.text], { preEncoded: true, wsPreEncodedFrame: page.frame });
}
