// Counted sentences: the dictionary holds one key per Intl.PluralRules category used by our
// languages (`.one`, `.other`); this picks it, and formats the number the locale's way.
import type { MessageKey } from '../i18n';

type Counted<P extends string> = `${P}.one` extends MessageKey ? P : never;

export function pluralKey<P extends string>(prefix: Counted<P>, count: number, locale: string): MessageKey {
  const category = new Intl.PluralRules(locale).select(count);
  return (category === 'one' ? `${prefix}.one` : `${prefix}.other`) as MessageKey;
}

export const formatCount = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);
