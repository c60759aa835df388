import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLIP_MS, createServiceMonitor } from './services.js';

function capture() {
  const lines: { level: number; msg: string; dependency?: string; downForMs?: number; failedAttempts?: number }[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
  return { logger: pino({ level: 'info' }, stream), lines };
}

afterEach(() => vi.useRealTimers());

describe('service monitor', () => {
  it('logs an outage once, however many connections fail how often, and its end once', () => {
    vi.useFakeTimers();
    const { logger, lines } = capture();
    const m = createServiceMonitor(logger);
    for (let i = 0; i < 20; i++) for (const c of ['main', 'worker-email', 'socket-sub']) m.failed('redis', c, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6399'), { code: 'ECONNREFUSED' }));
    expect(m.isDown('redis')).toBe(true);
    vi.advanceTimersByTime(BLIP_MS);
    expect(lines.map((l) => [l.dependency, l.msg])).toEqual([['redis', 'redis is unreachable; retrying (requests that need it answer 503)']]);
    vi.advanceTimersByTime(5_000);
    m.ok('redis', 'main');
    m.ok('redis', 'worker-email');
    expect(lines).toHaveLength(1); // back only when every connection is
    m.ok('redis', 'socket-sub');
    expect(m.isDown('redis')).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ dependency: 'redis', downForMs: BLIP_MS + 5_000, failedAttempts: 60 });
    expect(lines[1]!.msg).toBe('redis is reachable again after 6.0 s and 60 failed attempt(s)');
    expect(m.isDown('postgres')).toBe(false);
  });

  it('says nothing of a blip shorter than BLIP_MS', () => {
    vi.useFakeTimers();
    const { logger, lines } = capture();
    const m = createServiceMonitor(logger);
    m.failed('postgres', 'pool', new Error('terminating connection due to administrator command'));
    vi.advanceTimersByTime(BLIP_MS / 2);
    m.ok('postgres', 'pool');
    vi.advanceTimersByTime(BLIP_MS * 2);
    expect(lines).toEqual([]);
  });
});
