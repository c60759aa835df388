// Time zone names, as people and identity providers send them. Whatever the runtime's Intl
// accepts is valid: `Intl.supportedValuesOf('timeZone')` lists only canonical names, so it
// refused links and aliases that are IANA names all the same (`Europe/Kyiv` on an older ICU,
// `Etc/GMT+5`, `US/Pacific`). Offsets such as `+05:00` are not names and stay refused.
import { z } from 'zod';

const NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** The name to store for `input`, or null when it is no time zone. Only the letter case is
 *  corrected (`europe/madrid` → `Europe/Madrid`); an alias is kept as the person wrote it. */
export function normalizeTimeZone(input: string): string | null {
  const name = input.trim();
  if (!NAME.test(name)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** A zod field for a time zone name: refused with "Unknown time zone", else normalized. */
export const TimeZone = z.string().transform((text, ctx) => {
  const zone = normalizeTimeZone(text);
  if (zone === null) ctx.addIssue({ code: 'custom', message: 'Unknown time zone' });
  return zone ?? z.NEVER;
});
