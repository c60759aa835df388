import { describe, expect, it } from 'vitest';
import { normalizeTimeZone } from './time-zone.js';

describe('time zone names', () => {
  it('accepts every name Intl accepts, aliases included', () => {
    for (const tz of ['Europe/Kyiv', 'Europe/Kiev', 'Etc/GMT+5', 'Etc/GMT-14', 'US/Pacific', 'UTC', 'Etc/UTC', 'America/Argentina/Buenos_Aires']) {
      expect(normalizeTimeZone(tz), tz).toBe(tz);
    }
    for (const tz of Intl.supportedValuesOf('timeZone')) expect(normalizeTimeZone(tz)).toBe(tz);
  });
  it('corrects the letter case only', () => {
    expect(normalizeTimeZone('europe/madrid')).toBe('Europe/Madrid');
    expect(normalizeTimeZone(' utc ')).toBe('UTC');
  });
  it('refuses what is no time zone name', () => {
    for (const tz of ['', 'Mars/Base', '+05:00', 'UTC+5', '../etc/passwd', 'Europe/Madrid\u0000', 'x'.repeat(100)]) {
      expect(normalizeTimeZone(tz), JSON.stringify(tz)).toBeNull();
    }
  });
});
