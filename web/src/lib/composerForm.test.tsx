// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { emptyValues, fieldForKey, mapFieldErrors, toPayload, validate } from './composerForm';

describe('composer form', () => {
  it('maps API field keys onto inputs', () => {
    expect(fieldForKey('title')).toBe('title');
    expect(fieldForKey('audience.departmentIds')).toBe('audience');
    expect(fieldForKey('audience.departmentIds.0')).toBe('audience');
    expect(fieldForKey('channels[1]')).toBe('channels');
    expect(fieldForKey('scheduledAt')).toBe('scheduledAt');
    expect(fieldForKey('somethingElse')).toBeNull();
  });

  it('groups messages per field and keeps the rest for the summary', () => {
    const mapped = mapFieldErrors({
      title: 'Required',
      'audience.type': 'Invalid audience',
      'audience.departmentIds': 'Unknown department',
      '': 'General problem',
      _: 'Whole body',
      weird: 'Hmm',
    });
    expect(mapped.byField).toEqual({ title: 'Required', audience: 'Invalid audience Unknown department' });
    expect(mapped.other).toEqual(['General problem', 'Whole body', 'weird: Hmm']);
  });

  it('validates the obvious before asking the server', () => {
    const v = { ...emptyValues(false), channels: [] };
    expect(validate(v)).toEqual({
      title: 'validation.title',
      body: 'validation.body',
      channels: 'validation.channels',
      audience: 'validation.departments',
    });
    const ok = { ...emptyValues(true), title: 'Hi', body: 'Text' };
    expect(validate(ok)).toEqual({});
    expect(validate({ ...ok, scheduledAt: '2030-01-02T10:00', expiresAt: '2030-01-02T09:00' }, 'UTC')).toEqual({
      expiresAt: 'validation.expiry',
    });
  });

  it('builds the request body with times in the user time zone', () => {
    const payload = toPayload(
      { ...emptyValues(false), title: ' Hi ', body: 'B', departmentIds: ['d1'], channels: ['in_app', 'email'], scheduledAt: '2030-07-01T09:30' },
      'Europe/Madrid',
    );
    expect(payload).toEqual({
      title: 'Hi',
      body: 'B',
      audience: { type: 'departments', departmentIds: ['d1'] },
      channels: ['in_app', 'email'],
      priority: 'normal',
      requireAck: false,
      scheduledAt: '2030-07-01T07:30:00.000Z',
    });
    expect(toPayload({ ...emptyValues(true), title: 'x', body: 'y' }).audience).toEqual({ type: 'all' });
  });
});
