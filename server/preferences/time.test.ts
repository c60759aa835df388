import { describe, expect, it } from 'vitest';
import { heldUntil, instantOf, nextLocalTime, quietHoursEnd, wallAt } from './time.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('quiet hours', () => {
  it('holds an email inside a same-day window until it ends, and not outside it', () => {
    // Madrid is UTC+1 in January.
    expect(iso(quietHoursEnd(at('2026-01-15T11:30:00Z'), 'Europe/Madrid', '13:00', '15:00'))).toBe(null); // 12:30 local
    expect(iso(quietHoursEnd(at('2026-01-15T12:30:00Z'), 'Europe/Madrid', '13:00', '14:00'))).toBe('2026-01-15T13:00:00.000Z');
    expect(iso(quietHoursEnd(at('2026-01-15T13:00:00Z'), 'Europe/Madrid', '13:00', '14:00'))).toBe(null); // the end is not inside
  });

  it('handles windows that cross midnight, in the evening and in the small hours', () => {
    const tz = 'America/New_York'; // UTC-5 in January
    // 23:30 local on the 15th: held until 07:00 local on the 16th.
    expect(iso(quietHoursEnd(at('2026-01-16T04:30:00Z'), tz, '22:00', '07:00'))).toBe('2026-01-16T12:00:00.000Z');
    // 03:00 local on the 16th: held until 07:00 the same day.
    expect(iso(quietHoursEnd(at('2026-01-16T08:00:00Z'), tz, '22:00', '07:00'))).toBe('2026-01-16T12:00:00.000Z');
    // 12:00 local: outside.
    expect(quietHoursEnd(at('2026-01-16T17:00:00Z'), tz, '22:00', '07:00')).toBe(null);
    // Exactly at the start: inside.
    expect(iso(quietHoursEnd(at('2026-01-16T03:00:00Z'), tz, '22:00', '07:00'))).toBe('2026-01-16T12:00:00.000Z');
  });

  it('is the same window whatever the zone: the person\'s own clock decides', () => {
    const now = at('2026-01-15T21:30:00Z');
    expect(quietHoursEnd(now, 'UTC', '21:00', '22:00')?.toISOString()).toBe('2026-01-15T22:00:00.000Z');
    expect(quietHoursEnd(now, 'Asia/Tokyo', '21:00', '22:00')).toBe(null); // 06:30 in Tokyo
    expect(quietHoursEnd(now, 'Asia/Kolkata', '02:00', '04:00')?.toISOString()).toBe('2026-01-15T22:30:00.000Z'); // 03:00 in India, +05:30
  });

  it('ends at the right instant across a daylight-saving change inside the window', () => {
    // Europe/Madrid springs forward on 2026-03-29 at 02:00 (UTC+1 → UTC+2). A 22:00–08:00
    // window starting on the 28th ends at 08:00 CEST = 06:00Z, not 07:00Z.
    expect(iso(quietHoursEnd(at('2026-03-28T22:30:00Z'), 'Europe/Madrid', '22:00', '08:00'))).toBe('2026-03-29T06:00:00.000Z');
    // And falls back on 2026-10-25 at 03:00 (UTC+2 → UTC+1): 08:00 CET = 07:00Z.
    expect(iso(quietHoursEnd(at('2026-10-24T21:30:00Z'), 'Europe/Madrid', '22:00', '08:00'))).toBe('2026-10-25T07:00:00.000Z');
    // New York springs forward on 2026-03-08.
    expect(iso(quietHoursEnd(at('2026-03-08T04:00:00Z'), 'America/New_York', '22:00', '07:00'))).toBe('2026-03-08T11:00:00.000Z');
  });

  it('treats an end that does not exist (the skipped hour) as the same time past the gap', () => {
    // 02:30 does not exist in Madrid on 2026-03-29: Temporal's "compatible" gives 03:30 CEST.
    expect(iso(instantOf({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Madrid'))).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: the first one (CEST).
    expect(iso(instantOf({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Madrid'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('is no window when start equals end', () => {
    expect(quietHoursEnd(at('2026-01-15T12:00:00Z'), 'UTC', '12:00', '12:00')).toBe(null);
  });
});

describe('daily digest time', () => {
  it('is the next 08:00 on the person\'s wall clock', () => {
    // 07:59 in Madrid → 08:00 today; 08:00 exactly or later → tomorrow.
    expect(iso(nextLocalTime(at('2026-01-15T06:59:00Z'), 'Europe/Madrid', '08:00'))).toBe('2026-01-15T07:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-01-15T07:00:00Z'), 'Europe/Madrid', '08:00'))).toBe('2026-01-16T07:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-01-15T15:00:00Z'), 'America/Los_Angeles', '08:00'))).toBe('2026-01-15T16:00:00.000Z');
    // 23:00 on the 15th in Los Angeles is already the 16th in UTC: still 08:00 on the 16th local.
    expect(iso(nextLocalTime(at('2026-01-16T07:00:00Z'), 'America/Los_Angeles', '08:00'))).toBe('2026-01-16T16:00:00.000Z');
  });

  it('stays at 08:00 local across daylight-saving changes', () => {
    // The night Madrid springs forward: 08:00 CEST is 06:00Z (the day before, 08:00 was 07:00Z).
    expect(iso(nextLocalTime(at('2026-03-28T20:00:00Z'), 'Europe/Madrid', '08:00'))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(nextLocalTime(at('2026-10-24T20:00:00Z'), 'Europe/Madrid', '08:00'))).toBe('2026-10-25T07:00:00.000Z');
    expect(wallAt(nextLocalTime(at('2026-03-07T20:00:00Z'), 'America/New_York', '08:00').getTime(), 'America/New_York')).toMatchObject({ hour: 8, minute: 0 });
  });

  it('waits past quiet hours that cover 08:00', () => {
    const person = { timezone: 'Europe/Madrid', quietHoursStart: '22:00', quietHoursEnd: '09:30' };
    expect(iso(heldUntil(at('2026-01-15T12:00:00Z'), person, true))).toBe('2026-01-16T08:30:00.000Z');
    expect(iso(heldUntil(at('2026-01-15T12:00:00Z'), person, false))).toBe(null);
    expect(iso(heldUntil(at('2026-01-15T23:00:00Z'), person, false))).toBe('2026-01-16T08:30:00.000Z');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(iso(nextLocalTime(at('2026-01-15T06:00:00Z'), 'Not/AZone', '08:00'))).toBe('2026-01-15T08:00:00.000Z');
  });
});
