// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatDateTime, localInputToIso, percent, timeZoneName } from './dates';

describe('dates', () => {
  it('reads datetime-local values as wall time in the user zone (DST aware)', () => {
    expect(localInputToIso('2030-01-15T09:00', 'Europe/Madrid')).toBe('2030-01-15T08:00:00.000Z');
    expect(localInputToIso('2030-07-15T09:00', 'Europe/Madrid')).toBe('2030-07-15T07:00:00.000Z');
    expect(localInputToIso('2030-03-10T12:00', 'America/New_York')).toBe('2030-03-10T16:00:00.000Z');
    expect(localInputToIso('2030-07-15T09:00', 'UTC')).toBe('2030-07-15T09:00:00.000Z');
    expect(localInputToIso('nonsense', 'UTC')).toBeNull();
  });

  it('formats in the user time zone and language', () => {
    const en = formatDateTime('2030-07-15T07:00:00Z', 'en', 'Europe/Madrid');
    expect(en).toContain('9:00');
    const es = formatDateTime('2030-07-15T07:00:00Z', 'es', 'America/New_York');
    expect(es).toContain('3:00');
    expect(es).toMatch(/jul/i);
    expect(formatDateTime(null, 'en', 'UTC')).toBe('');
    expect(formatDateTime('2030-07-15T07:00:00Z', 'en', 'Not/AZone')).not.toBe('');
  });

  it('names time zones as people say them, summer time included', () => {
    expect(timeZoneName('Europe/Madrid', 'en', new Date('2030-01-15T09:00:00Z'))).toBe('Central European Standard Time');
    expect(timeZoneName('Europe/Madrid', 'en', new Date('2030-07-15T09:00:00Z'))).toBe('Central European Summer Time');
    expect(timeZoneName('Europe/Madrid', 'es', new Date('2030-01-15T09:00:00Z'))).toBe('hora estándar de Europa central');
    expect(timeZoneName('Not/AZone', 'en')).toBe('Not/AZone');
  });

  it('formats rates', () => {
    expect(percent(1, 4, 'en')).toBe('25%');
    expect(percent(0, 0, 'en')).toBe('0%');
  });
});
