// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { connectRealtime, type HeraldoSocket, type IoFactory, type RealtimeHandlers } from './socket';
import { makeNotification } from './test-utils';

type Listener = (...args: unknown[]) => void;

function fakeIo() {
  const listeners: Record<string, Listener[]> = {};
  let opts: Parameters<IoFactory>[0] = {};
  const socket = {
    active: true,
    on: (event: string, fn: Listener) => ((listeners[event] ??= []).push(fn), socket),
    connect: vi.fn(),
    disconnect: vi.fn(),
  };
  const factory: IoFactory = (o) => {
    opts = o;
    return socket as unknown as HeraldoSocket;
  };
  const emit = (event: string, ...args: unknown[]) => listeners[event]?.forEach((fn) => fn(...args));
  const auth = () =>
    new Promise<object>((resolve) => (opts.auth as (cb: (d: object) => void) => void)((d) => resolve(d)));
  return { factory, emit, auth, socket, opts: () => opts };
}

function handlers(overrides: Partial<RealtimeHandlers> = {}): RealtimeHandlers {
  return {
    getSince: () => null,
    onNotification: vi.fn(),
    onReceipt: vi.fn(),
    onAnnouncementUpdated: vi.fn(),
    onState: vi.fn(),
    onUnauthorized: vi.fn(),
    onConnected: vi.fn(),
    ...overrides,
  };
}

describe('realtime', () => {
  it('sends the newest known id as `since` on every (re)connection', async () => {
    const io = fakeIo();
    let since: string | null = null;
    connectRealtime(handlers({ getSince: () => since }), io.factory);
    expect(io.opts().withCredentials).toBe(true);
    expect(await io.auth()).toEqual({});
    since = '42';
    expect(await io.auth()).toEqual({ since: '42' });
  });

  it('reports connection state and reconnections', () => {
    const io = fakeIo();
    const h = handlers();
    connectRealtime(h, io.factory);
    io.emit('connect');
    io.emit('disconnect', 'transport close');
    io.emit('connect');
    expect(h.onState).toHaveBeenNthCalledWith(1, 'connecting');
    expect(h.onState).toHaveBeenNthCalledWith(2, 'connected');
    expect(h.onState).toHaveBeenNthCalledWith(3, 'reconnecting');
    expect(h.onConnected).toHaveBeenNthCalledWith(1, false);
    expect(h.onConnected).toHaveBeenNthCalledWith(2, true);
    io.emit('disconnect', 'io server disconnect');
    expect(io.socket.connect).toHaveBeenCalled();
  });

  it('goes to sign-in when the server refuses the connection', () => {
    const io = fakeIo();
    const h = handlers();
    connectRealtime(h, io.factory);
    io.emit('connect_error', new Error('unauthorized'));
    expect(h.onUnauthorized).toHaveBeenCalled();
  });

  it('passes events through', () => {
    const io = fakeIo();
    const h = handlers();
    const rt = connectRealtime(h, io.factory);
    io.emit('notification', makeNotification('7'));
    io.emit('receipt', { id: 7, readAt: 'x', ackAt: null, unreadCount: 0 });
    io.emit('announcement:updated', { id: 'a1' });
    expect(h.onNotification).toHaveBeenCalledWith(expect.objectContaining({ id: '7' }));
    expect(h.onReceipt).toHaveBeenCalledWith({ id: '7', readAt: 'x', ackAt: null, unreadCount: 0 });
    expect(h.onAnnouncementUpdated).toHaveBeenCalledWith('a1');
    rt.close();
    expect(io.socket.disconnect).toHaveBeenCalled();
    io.emit('disconnect', 'io client disconnect');
    expect(h.onState).not.toHaveBeenCalledWith('reconnecting');
  });
});
