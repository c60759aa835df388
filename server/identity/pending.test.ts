import { describe, expect, it } from 'vitest';
import { PENDING_TTL_MS, openPending, sealPending } from './pending.js';

const pending = { state: 's1', nonce: 'n1', codeVerifier: 'v1' };

describe('pending sign-in cookie', () => {
  it('opens what it sealed, with the same secret, before it expires', () => {
    const now = 1_000_000;
    const sealed = sealPending(pending, 'secret', now);
    expect(openPending(sealed, 'secret', now + 1000)).toEqual(pending);
    expect(openPending(sealed, 'other secret', now + 1000)).toBeNull();
    expect(openPending(sealed, 'secret', now + PENDING_TTL_MS + 1)).toBeNull();
  });

  it('refuses an altered payload, a missing signature and garbage', () => {
    const sealed = sealPending(pending, 'secret');
    const [payload, sig] = sealed.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...pending, state: 'mine', exp: Date.now() + 60_000 })).toString('base64url');
    expect(openPending(`${forged}.${sig}`, 'secret')).toBeNull();
    expect(openPending(payload, 'secret')).toBeNull();
    expect(openPending(undefined, 'secret')).toBeNull();
    expect(openPending('x.y', 'secret')).toBeNull();
  });
});
