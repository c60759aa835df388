import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceUpdate, type RealtimeEmitter } from './emitter.js';

function fakeEmitter() {
  const sent: { rooms: string[]; event: string; payload: unknown }[] = [];
  const emitter = {
    to: (rooms: string[]) => ({ emit: (event: string, payload: unknown) => sent.push({ rooms, event, payload }) }),
  } as unknown as RealtimeEmitter;
  return { emitter, sent };
}

afterEach(() => vi.useRealTimers());

describe('announceUpdate', () => {
  it('tells staff and the author at most once a second, and always a last time', () => {
    vi.useFakeTimers();
    const { emitter, sent } = fakeEmitter();
    for (let i = 0; i < 500; i++) announceUpdate(emitter, 'a1', 'author');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ rooms: ['staff', 'user:author'], event: 'announcement:updated', payload: { id: 'a1' } });
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(2); // the trailing one carries the last changes
    vi.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(2);
    announceUpdate(emitter, 'a2', 'author'); // another announcement is not held back
    expect(sent).toHaveLength(3);
  });
});
