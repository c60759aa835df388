// The emails of an announcement's life after it went out: the reminder to confirm it, and
// the daily digest of normal announcements. Rendered like the announcement email (same
// layout, partials and helpers); index.ts registers the entries so a broken one stops the start.
import { safeTimeZone } from './handlebars.js';
import { intlLocale, resolveLang, translate } from './i18n.js';
import type { AnnouncementView, DigestView, EmailOptions, RecipientView, RenderedEmail } from './types.js';

export const LIFE_ENTRY = {
  reminderHtml: 'email/reminder.html',
  reminderText: 'email/reminder.text',
  digestHtml: 'email/digest.html',
  digestText: 'email/digest.text',
} as const;

type Render = (name: string, context: object) => { out: string };
type Common = (a: AnnouncementView, inboxUrl: string, locale: string, timezone: string) => object;

const tidy = (text: string) => text.replace(/\n{3,}/g, '\n\n').trim() + '\n';
const oneLine = (title: string) => title.replace(/[\r\n]+/g, ' ').trim();

export function lifeTemplates(render: Render, common: Common) {
  return {
    /** Contract: subject `Reminder: <title>`, `[URGENT] ` first for urgent ones, in any language
     *  (like the announcement's own subject, so that mail filters can rely on it). */
    reminder(a: AnnouncementView, r: RecipientView, opts: EmailOptions): RenderedEmail {
      const context = { ...common(a, opts.inboxUrl, r.locale, r.timezone), recipient: r, company: opts.company ?? '' };
      return {
        subject: `${a.priority === 'urgent' ? '[URGENT] ' : ''}Reminder: ${oneLine(a.title)}`,
        html: render(LIFE_ENTRY.reminderHtml, context).out,
        text: tidy(render(LIFE_ENTRY.reminderText, context).out),
      };
    },

    digest(d: DigestView, r: RecipientView, opts: EmailOptions): RenderedEmail {
      const lang = resolveLang(r.locale);
      const subject = translate(lang, d.items.length === 1 ? 'digest.subject.one' : 'digest.subject', { count: d.items.length });
      const context = {
        locale: lang,
        dateLocale: intlLocale(r.locale),
        timezone: safeTimeZone(r.timezone),
        pageTitle: subject,
        preheader: d.items.map((i) => oneLine(i.announcement.title)).join(' · ').slice(0, 200),
        recipient: r,
        items: d.items.map((i) => ({ announcement: i.announcement, url: httpUrl(i.url) })),
        inboxUrl: httpUrl(opts.inboxUrl),
        company: opts.company ?? '',
      };
      return { subject, html: render(LIFE_ENTRY.digestHtml, context).out, text: tidy(render(LIFE_ENTRY.digestText, context).out) };
    },
  };
}

function httpUrl(url: string): string {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`must be an http(s) URL: ${url}`);
  return url;
}
