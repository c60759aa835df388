// Dates shown in the user's own time zone (from /api/me), in the UI language.

export function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function formatDateTime(
  iso: string | null | undefined,
  locale: string,
  timeZone: string | undefined,
): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeTimeZone(timeZone),
  }).format(date);
}

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `date`. */
export function timeZoneOffsetMs(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Converts a `<input type="datetime-local">` value, read as wall-clock time in `timeZone`
 * (the browser's zone when absent or invalid), to an ISO 8601 UTC string. '' → null.
 */
export function localInputToIso(value: string, timeZone?: string): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as number[];
  const zone = safeTimeZone(timeZone);
  if (!zone) {
    const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  let utc = wall - timeZoneOffsetMs(new Date(wall), zone);
  utc = wall - timeZoneOffsetMs(new Date(utc), zone);
  return new Date(utc).toISOString();
}

export function percent(part: number, whole: number, locale: string): string {
  const ratio = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/**
 * A time zone as people name it, in `locale`: "Central European Standard Time" rather than
 * "Europe/Madrid" (Intl's `timeZoneName: 'long'`, at `at` so summer time shows as such).
 * Falls back to the IANA id when Intl has no name for it.
 */
export function timeZoneName(timeZone: string, locale: string, at: Date = new Date()): string {
  const when = Number.isNaN(at.getTime()) ? new Date() : at;
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(when)
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && !/^GMT[+-]/.test(name) ? name : timeZone;
  } catch {
    return timeZone;
  }
}
