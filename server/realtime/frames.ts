// The live `notification` event, written as pre-built WebSocket frames. Every recipient of a
// fan-out page gets the same event except for its notification id, so the bytes after the
// id (the title, the body HTML, ...) are encoded once per page into one Buffer that every
// socket's frame points to; per recipient only a few dozen bytes are written: the frame
// header, the packet's fixed start and the id. socket.io's own broadcast does the same with
// one whole frame (socket.io-adapter `_encode`, `wsPreEncodedFrame`); this is that, with a
// per-recipient head.
//
// The frame goes through socket.io and engine.io like any packet (Client._packet ->
// engine.io Socket.sendPacket -> writeBuffer -> flush -> websocket transport send), so
// engine.io keeps its ordering and buffering: while a socket's transport is not writable
// (an earlier write not yet done, an upgrade in progress) the packet waits in its
// writeBuffer behind the packets before it. At the end, the websocket transport hands
// `wsPreEncodedFrame` to ws's Sender.sendFrame, which writes the two buffers corked (one
// writev), as it does for socket.io's broadcast frame. engine.io uses that path only when
// permessage-deflate is off for the connection (it is: engine.io's default, and the hub
// does not turn it on); otherwise, and for HTTP long-polling, it encodes `data` instead,
// which is the same packet as text.
import type { Socket } from 'socket.io';
import type { Packet } from 'socket.io-parser';
import type { NotificationPayload } from '../inbox/notifications.js';

/** engine.io "message" (4), then socket.io EVENT (2) on the main namespace, then the event. */
export const PACKET_START = '2["notification",{"id":"';
const ENGINE_MESSAGE = '4';
const FIN_TEXT = 0x81; // FIN bit + text opcode: one unfragmented, unmasked text frame

/** What a socket.io Socket's client offers for writing a packet that is encoded already. */
interface PreEncodedWriter {
  _packet(packets: Packet[] | string[], opts: { preEncoded: true; wsPreEncodedFrame?: Buffer[] }): void;
}

export interface NotificationFrames {
  /** The text after the id (`",` + the rest of the JSON + `]`): the packet for polling. */
  readonly restText: string;
  /** The same as UTF-8 bytes, shared by every frame of the page. */
  readonly rest: Buffer;
  /** Frame header + engine.io/socket.io prefix, per id length (ids differ only in digits). */
  readonly heads: Map<number, Buffer>;
}

/** Encodes what every recipient of one announcement shares, once per page. */
export function notificationFrames(shared: Omit<NotificationPayload, 'id' | 'readAt' | 'ackAt'>): NotificationFrames {
  // Same key order as socket.emit('notification', toPayload(row)) would give: id first.
  const json = JSON.stringify({ ...shared, readAt: null, ackAt: null });
  const restText = `",${json.slice(1)}]`;
  return { restText, rest: Buffer.from(restText, 'utf8'), heads: new Map() };
}

/** The frame header and fixed packet start for ids of `idLength` digits (RFC 6455 §5.2). */
export function headFor(frames: NotificationFrames, idLength: number): Buffer {
  let head = frames.heads.get(idLength);
  if (head) return head;
  const payload = ENGINE_MESSAGE.length + PACKET_START.length + idLength + frames.rest.length;
  const headerLength = payload < 126 ? 2 : payload < 65_536 ? 4 : 10;
  head = Buffer.alloc(headerLength + ENGINE_MESSAGE.length + PACKET_START.length);
  head[0] = FIN_TEXT;
  if (headerLength === 2) head[1] = payload;
  else if (headerLength === 4) {
    head[1] = 126;
    head.writeUInt16BE(payload, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(payload), 2);
  }
  head.write(ENGINE_MESSAGE + PACKET_START, headerLength, 'latin1');
  frames.heads.set(idLength, head);
  return head;
}

/**
 * Writes one recipient's `notification` to one socket. `id` is a notification id (decimal
 * digits only: ASCII, so one byte per character).
 */
export function writeNotification(socket: Socket, frames: NotificationFrames, id: string): void {
  const head = headFor(frames, id.length);
  const first = Buffer.allocUnsafe(head.length + id.length); // from Node's pool: no syscall
  head.copy(first, 0);
  first.write(id, head.length, 'latin1');
  // The text form (a rope: V8 does not copy it unless something reads it) is what engine.io
  // sends when it cannot use the frame.
  const packet = PACKET_START + id + frames.restText;
  (socket.client as unknown as PreEncodedWriter)._packet([packet], { preEncoded: true, wsPreEncodedFrame: [first, frames.rest] });
}
