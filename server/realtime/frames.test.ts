// The pre-built notification frames against a real socket.io server and client: what arrives
// must be exactly what socket.emit('notification', n) delivers, in the order it was written,
// over WebSocket and over HTTP long-polling.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../inbox/notifications.js';
import { notificationFrames, writeNotification } from './frames.js';

let http: HttpServer;
let io: Server;
let url: string;
const clients: ClientSocket[] = [];

beforeAll(async () => {
  http = createServer();
  io = new Server(http, { serveClient: false });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

/** A client and the server side of its connection. */
async function pair(transports: ('websocket' | 'polling')[]): Promise<{ client: ClientSocket; server: Socket; received: NotificationPayload[] }> {
  const serverSide = new Promise<Socket>((resolve) => io.once('connection', resolve));
  const client = connect(url, { transports, forceNew: true, reconnection: false });
  clients.push(client);
  const received: NotificationPayload[] = [];
  client.on('notification', (n: NotificationPayload) => received.push(n));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return { client, server: await serverSide, received };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

function shared(bodyHtml: string): Omit<NotificationPayload, 'id' | 'readAt' | 'ackAt'> {
  return {
    editedAt: '2026-11-29T11:00:00.000Z',
    announcementId: '8c3e7a52-65a4-4b0e-9a53-3a0f6b1c2d11',
    title: 'Café « ñandú » — 🚀 "quoted" \\ back\\slash',
    bodyHtml,
    snippet: 'The first words',
    priority: 'urgent',
    requireAck: true,
    publishedAt: '2026-11-29T10:00:00.000Z',
    departments: ['it', 'sales'],
  };
}
const full = (id: string, s: ReturnType<typeof shared>): NotificationPayload => ({ id, ...s, readAt: null, ackAt: null });

describe('pre-built notification frames', () => {
  it('deliver what socket.emit delivers, for every id length and frame size', async () => {
    const { server, received } = await pair(['websocket']);
    const bodies = ['<p>short</p>', `<p>${'é'.repeat(40_000)}</p>`, `<p>${'x'.repeat(70_000)}</p>`]; // 16-bit and 64-bit lengths
    const expected: NotificationPayload[] = [];
    for (const body of bodies) {
      const s = shared(body);
      const frames = notificationFrames(s);
      for (const id of ['7', '12345', '9223372036854775807']) {
        writeNotification(server, frames, id);
        server.emit('notification', full(id, s)); // the reference: socket.io's own encoding
        expected.push(full(id, s), full(id, s));
      }
    }
    await until(() => received.length === expected.length);
    expect(received).toEqual(expected);
    expect(Object.keys(received[0]!)[0]).toBe('id'); // same key order as the inbox's items
  });

  it('keep their place among other packets while the socket is busy writing', async () => {
    const { server, received } = await pair(['websocket']);
    const s = shared(`<p>${'busy '.repeat(2_000)}</p>`);
    const frames = notificationFrames(s);
    // Written in one turn, most of these wait in engine.io's buffer behind the first write.
    const ids = Array.from({ length: 600 }, (_, i) => String(1_000 + i));
    for (const id of ids) {
      if (Number(id) % 3 === 0) server.emit('notification', full(id, s));
      else writeNotification(server, frames, id);
    }
    await until(() => received.length === ids.length);
    expect(received.map((n) => n.id)).toEqual(ids);
  });

  it('fall back to the same text over HTTP long-polling', async () => {
    const { server, client, received } = await pair(['polling']);
    expect(client.io.engine.transport.name).toBe('polling');
    const s = shared('<p>polling</p>');
    const frames = notificationFrames(s);
    writeNotification(server, frames, '42');
    writeNotification(server, frames, '43');
    await until(() => received.length === 2);
    expect(received).toEqual([full('42', s), full('43', s)]);
  });
});
