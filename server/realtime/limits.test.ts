import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createSocketLimits } from './limits.js';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
const allowed = (limits: ReturnType<typeof createSocketLimits>, req: IncomingMessage) =>
  new Promise<boolean>((resolve) => limits.allowRequest(req, (_err, ok) => resolve(ok)));

describe('socket limits', () => {
  it('holds a user to their slots and forgets them once every socket is gone', () => {
    const limits = createSocketLimits({ socketsPerUser: 2, connectsPerMinute: 100, trustProxy: false });
    expect(limits.admit('u', 'a')).toBe(true);
    expect(limits.admit('u', 'b')).toBe(true);
    expect(limits.admit('u', 'c')).toBe(false);
    expect(limits.admit('v', 'd')).toBe(true);
    limits.release('u', 'a');
    limits.release('u', 'a'); // twice (disconnect and close): no double credit
    expect(limits.admit('u', 'c')).toBe(true);
    expect(limits.admit('u', 'e')).toBe(false);
    for (const [u, s] of [['u', 'b'], ['u', 'c'], ['v', 'd']] as const) limits.release(u, s);
    expect(limits.size().users).toBe(0);
    limits.close();
  });

  it('counts handshakes per client address, read through trusted proxies only', async () => {
    const limits = createSocketLimits({ socketsPerUser: 2, connectsPerMinute: 3, trustProxy: 'loopback' });
    for (let i = 0; i < 3; i++) expect(await allowed(limits, request('127.0.0.1', '198.51.100.1'))).toBe(true);
    expect(await allowed(limits, request('127.0.0.1', '198.51.100.1'))).toBe(false);
    expect(await allowed(limits, request('127.0.0.1', '198.51.100.2'))).toBe(true);
    // Not from a trusted proxy: the header is ignored, the peer is the client.
    for (let i = 0; i < 3; i++) expect(await allowed(limits, request('192.0.2.9', '198.51.100.3'))).toBe(true);
    expect(await allowed(limits, request('192.0.2.9', '198.51.100.4'))).toBe(false);
    limits.close();
  });
});
