import { describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from './queues.js';
import { checkHandlers } from './workers.js';

describe('checkHandlers', () => {
  const fn = async () => {};
  // Every queue there is, so that adding a queue does not break this test, only a missing handler.
  const all: Record<string, typeof fn> = Object.fromEntries(QUEUE_NAMES.map((q) => [q, fn]));
  it('accepts exactly one handler per queue', () => {
    expect(() => checkHandlers(all)).not.toThrow();
  });
  it('refuses a queue without a handler and a handler without a queue', () => {
    const { slack: _slack, ...withoutSlack } = all;
    expect(() => checkHandlers(withoutSlack)).toThrow(/missing \[slack\]/);
    expect(() => checkHandlers({ ...all, sms: fn })).toThrow(/unknown \[sms\]/);
  });
});
