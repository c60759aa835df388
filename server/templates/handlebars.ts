// The one Handlebars environment of Heraldo, and every helper a template may call. Helpers
// read the rendering's language and timezone from the root context (`locale`, `dateLocale`,
// `timezone`, set by index.ts), so templates say {{t "open"}} / {{date x}} and nothing more.
// Partials are not registered here: each loadTemplates() passes its own set at render time,
// so loading a second template directory (a preview, a test) never changes the first.
import Handlebars from 'handlebars';
import { intlLocale, resolveLang, translate, type Lang } from './i18n.js';
import { markdownToHtml } from './markdown.js';
import { escapeMrkdwn, markdownToMrkdwn, truncateMrkdwn, truncateSlackText } from './mrkdwn.js';
import { excerpt, markdownToText, truncateText } from './plaintext.js';

export const hb = Handlebars.create();

type Options = Handlebars.HelperOptions;

/** Handlebars passes its options object last; split it from the positional arguments. */
function split(args: unknown[]): { params: unknown[]; options: Options } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as Options };
}

interface RootView { locale?: string; dateLocale?: string; timezone?: string }
const root = (o: Options): RootView => (o.data?.root ?? {}) as RootView;
const langOf = (o: Options): Lang => resolveLang((o.hash.locale as string | undefined) ?? root(o).locale);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function toDate(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) throw new Error(`date: not a date: ${String(value)}`);
  return d;
}

// Building an Intl formatter costs far more than using one, and a fan-out formats the same
// few (locale, zone) pairs over and over: keep them.
const formatters = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, string>();

/** A valid IANA zone name, or UTC: a user with a mistyped timezone still gets their email. */
export function safeTimeZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  let zone = zones.get(tz);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      zone = 'UTC';
    }
    if (zones.size < 1000) zones.set(tz, zone);
  }
  return zone;
}

/** "2 de marzo de 2026 a las 3:30"; with zone, the zone's short name is added ("… 9:30 UTC"). */
export function formatDate(d: Date, locale: string, timeZone: string, zone = false): string {
  const tz = safeTimeZone(timeZone);
  const key = `${locale}|${tz}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = zone
      ? { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
      : { dateStyle: 'long', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz });
    if (formatters.size < 1000) formatters.set(key, f);
  }
  return f.format(d);
}

/**
 * A fan-out renders the same body once per recipient; converting its Markdown once instead
 * of 100,000 times is most of the rendering cost. Small and insertion-ordered: oldest goes first.
 */
function memo(fn: (input: string) => string, size = 64): (input: string) => string {
  const cache = new Map<string, string>();
  return (input) => {
    let out = cache.get(input);
    if (out === undefined) {
      out = fn(input);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(input, out);
    }
    return out;
  };
}
const toHtml = memo(markdownToHtml);
const toText = memo(markdownToText);
const toMrkdwn = memo(markdownToMrkdwn);
const toExcerpt = memo((key) => excerpt(key.slice(key.indexOf(':') + 1), Number(key.slice(0, key.indexOf(':')))));

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  /** {{t "key" name=value}}; the hash fills `{name}` placeholders. */
  t(...args) {
    const { params, options } = split(args);
    return translate(langOf(options), str(params[0]), options.hash);
  },

  /** {{date when}} in the root's locale and timezone; hash: zone=true, locale=, timeZone=. */
  date(...args) {
    const { params, options } = split(args);
    const d = toDate(params[0]);
    if (!d) return '';
    const r = root(options);
    const locale = intlLocale((options.hash.locale as string | undefined) ?? r.dateLocale ?? r.locale);
    return formatDate(d, locale, (options.hash.timeZone as string | undefined) ?? r.timezone ?? 'UTC', options.hash.zone === true);
  },

  /** Sanitized HTML (see markdown.ts), marked safe so Handlebars doesn't escape it again. */
  markdownHtml(...args) {
    return new hb.SafeString(toHtml(str(split(args).params[0])));
  },

  markdownText(...args) {
    return toText(str(split(args).params[0]));
  },

  /** {{mrkdwn body max=3000}}: escaped Slack mrkdwn, cut to `max` when given. */
  mrkdwn(...args) {
    const { params, options } = split(args);
    const out = toMrkdwn(str(params[0]));
    return typeof options.hash.max === 'number' ? truncateMrkdwn(out, options.hash.max) : out;
  },

  /** Plain text (a name, a translated label) made safe to put in mrkdwn. */
  mrkdwnEscape(...args) {
    return escapeMrkdwn(str(split(args).params[0]));
  },

  /** {{slackPlain title max=150}}: text for a Slack plain_text object, escaped, then cut. */
  slackPlain(...args) {
    const { params, options } = split(args);
    const text = escapeMrkdwn(str(params[0]));
    return typeof options.hash.max === 'number' ? truncateSlackText(text, options.hash.max) : text;
  },

  /** {{excerpt body max=120}}: the start of a Markdown text as one plain line. */
  excerpt(...args) {
    const { params, options } = split(args);
    const max = typeof options.hash.max === 'number' ? options.hash.max : 150;
    return toExcerpt(`${max}:${str(params[0])}`);
  },

  truncate(...args) {
    const { params } = split(args);
    return typeof params[1] === 'number' ? truncateText(str(params[0]), params[1]) : str(params[0]);
  },

  /** A JSON literal: the only way a value may enter a JSON template. */
  json(...args) {
    return JSON.stringify(split(args).params[0] ?? null);
  },

  eq(...args) {
    const { params } = split(args);
    return params[0] === params[1];
  },

  concat(...args) {
    return split(args).params.map(str).join('');
  },

  /**
   * {{list departments key="name" empty=(t "audience.everyone")}}: "IT, HR and Sales" /
   * "IT, HR y Ventas" in the root's language; `empty` when there is nothing to list.
   */
  list(...args) {
    const { params, options } = split(args);
    const items = Array.isArray(params[0]) ? (params[0] as unknown[]) : [];
    const key = options.hash.key as string | undefined;
    const names = items.map((i) => str(key && i && typeof i === 'object' ? (i as Record<string, unknown>)[key] : i));
    if (names.length === 0) return str(options.hash.empty);
    return new Intl.ListFormat(intlLocale(root(options).dateLocale ?? root(options).locale), { type: 'conjunction' }).format(names);
  },
};

for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
