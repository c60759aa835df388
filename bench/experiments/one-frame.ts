// Variant "one-frame": server/realtime/frames.ts writing one identical frame to every recipient
// of a page, as if every notification of a page shared one id (the first recipient's). The
// ids the clients get are wrong for all but one of them: this measures what sending a
// socket.io-style broadcast frame per page would save, not a working design (per-recipient
// ids are what keeps a notification id one person's; see docs/benchmarks.md).
import type { Socket } from 'socket.io';
import { notificationFrames, type NotificationFrames } from '../../server/realtime/frames.js';

export { notificationFrames, type NotificationFrames };

const whole = new WeakMap<NotificationFrames, { frame: Buffer[]; text: string }>();
const PACKET_START = '2["notification",{"id":"';

export function writeNotification(socket: Socket, frames: NotificationFrames, id: string): void {
  let page = whole.get(frames);
  if (!page) {
    const data = Buffer.concat([Buffer.from(`4${PACKET_START}${id}`, 'latin1'), frames.rest]);
    const header = Buffer.alloc(data.length < 65_536 ? 4 : 10);
    header[0] = 0x81;
    if (data.length < 65_536) {
      header[1] = 126;
      header.writeUInt16BE(data.length, 2);
    } else {
      header[1] = 127;
      header.writeBigUInt64BE(BigInt(data.length), 2);
    }
    page = { frame: [header, data], text: PACKET_START + id + frames.restText };
    whole.set(frames, page);
  }
  (socket.client as unknown as { _packet(p: string[], o: object): void })._packet([page.text], { preEncoded: true, wsPreEncodedFrame: page.frame });
}
