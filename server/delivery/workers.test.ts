import { describe, expect, it } from 'vitest';
import { checkHandlers } from './workers.js';

describe('checkHandlers', () => {
  const fn = async () => {};
  it('accepts exactly one handler per queue', () => {
    expect(() => checkHandlers({ fanout: fn, email: fn, slack: fn })).not.toThrow();
  });
  it('refuses a queue without a handler and a handler without a queue', () => {
    expect(() => checkHandlers({ fanout: fn, email: fn })).toThrow(/missing \[slack\]/);
    expect(() => checkHandlers({ fanout: fn, email: fn, slack: fn, sms: fn })).toThrow(/unknown \[sms\]/);
  });
});
