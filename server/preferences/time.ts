// Wall-clock times in a person's time zone: when their quiet hours end, when their daily
// digest is due. Intl knows every zone's offsets and daylight-saving rules, so no library is
// needed; what Intl lacks (a wall time to an instant) is done here, with the same choices as
// Temporal's "compatible" disambiguation: a time that does not exist (the hour skipped in
// spring) moves forward by the gap, a time that happens twice (autumn) is the first one.

/** "HH:MM", 00:00–23:59. */
export const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM". */
export function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm);
  if (!m) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }); // a zone this runtime does not know
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallAt(ms: number, timeZone: string): Wall {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
  };
}

const wallMs = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
/** How far ahead of UTC `timeZone` is at instant `ms` (whole seconds). */
const offsetAt = (ms: number, timeZone: string) => wallMs(wallAt(ms, timeZone)) - Math.floor(ms / 1000) * 1000;

/** The instant at which the wall clock in `timeZone` shows this date and time (see top). */
export function instantOf(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Offsets half a day either side: no zone changes its offset twice in a day.
  const before = offsetAt(wall - 12 * 3_600_000, timeZone);
  const after = offsetAt(wall + 12 * 3_600_000, timeZone);
  const fits = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (fits.length > 0) return new Date(Math.min(...fits)); // twice: the first
  return new Date(wall - before); // skipped: as far past the gap as it was into it
}

/** The local calendar date `days` after the one at `ms`. */
function localDate(ms: number, timeZone: string, days = 0) {
  const w = wallAt(ms, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * If `now` falls inside the daily window [start, end) in `timeZone`, the instant the window
 * ends; else null. A window whose start is after its end crosses midnight (22:00–07:00).
 * start = end is no window at all.
 */
export function quietHoursEnd(now: Date, timeZone: string, start: string, end: string): Date | null {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return null;
  const w = wallAt(now.getTime(), timeZone);
  const t = w.hour * 60 + w.minute;
  if (s < e) return t >= s && t < e ? instantOf(localDate(now.getTime(), timeZone), e, timeZone) : null;
  if (t >= s) return instantOf(localDate(now.getTime(), timeZone, 1), e, timeZone); // evening: ends tomorrow
  if (t < e) return instantOf(localDate(now.getTime(), timeZone), e, timeZone); // small hours: ends today
  return null;
}

/** The first `hhmm` on the wall clock of `timeZone` strictly after `now` (the daily digest). */
export function nextLocalTime(now: Date, timeZone: string, hhmm: string): Date {
  const minutes = minutesOf(hhmm);
  const today = instantOf(localDate(now.getTime(), timeZone), minutes, timeZone);
  if (today.getTime() > now.getTime()) return today;
  return instantOf(localDate(now.getTime(), timeZone, 1), minutes, timeZone);
}

/** When the daily digest goes out, in everyone's own time zone. */
export const DIGEST_TIME = '08:00';

export interface HoldRules {
  timezone: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
}

/**
 * When a non-mandatory email created at `now` should go out: null for "at once", else the end
 * of the person's quiet hours; a digest one at their next 08:00 (pushed past their quiet
 * hours if 08:00 falls inside them).
 */
export function heldUntil(now: Date, person: HoldRules, digest: boolean): Date | null {
  const quiet = (at: Date) =>
    person.quietHoursStart && person.quietHoursEnd ? quietHoursEnd(at, person.timezone, person.quietHoursStart, person.quietHoursEnd) : null;
  if (digest) {
    const at = nextLocalTime(now, person.timezone, DIGEST_TIME);
    return quiet(at) ?? at;
  }
  return quiet(now);
}
