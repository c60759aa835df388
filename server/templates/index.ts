// Rendering of announcements for email and Slack. The delivery workers and the preview route
// call loadTemplates() once at start and keep the returned Templates; rendering is synchronous.
import type Handlebars from 'handlebars';
import { fromRoot } from '../paths.js';
import { TemplateError, templateError } from './errors.js';
import { safeTimeZone } from './handlebars.js';
import { intlLocale, resolveLang, translate } from './i18n.js';
import { compileDir, type CompiledDir } from './loader.js';
import { LIFE_ENTRY, lifeTemplates } from './life.js';
import { escapeMrkdwn, truncateMrkdwn, truncateSlackText } from './mrkdwn.js';
import { excerpt, truncateText } from './plaintext.js';
import { SAMPLE_ANNOUNCEMENTS, SAMPLE_INBOX_URL, SAMPLE_RECIPIENTS, sampleInvitation } from './sample.js';
import type { AnnouncementView, EmailOptions, InvitationView, RecipientView, RenderedEmail, RenderedSlack, SlackOptions, Templates } from './types.js';

export type { AnnouncementView, InvitationView, RecipientView, RenderedEmail, RenderedSlack, Templates } from './types.js';
export { TemplateError };

const DEFAULT_DIR = `${fromRoot('templates')}/`;

const ENTRY = {
  emailHtml: 'email/announcement.html',
  emailText: 'email/announcement.text',
  slack: 'slack/announcement.json',
  ...LIFE_ENTRY,
  invitationHtml: 'email/invitation.html',
  invitationText: 'email/invitation.text',
} as const;

// Slack's block limits (https://api.slack.com/reference/block-kit/blocks).
const SLACK_HEADER_MAX = 150;
const SLACK_SECTION_MAX = 3000;

/**
 * Reads and compiles every template under `dir` (default: <repo>/templates) at once; a syntax
 * error throws TemplateError naming the file and line. Also renders each template once with a
 * sample announcement so a runtime error (unknown partial/helper, invalid Slack JSON) is caught
 * at start, not in a worker.
 */
export async function loadTemplates(dir: string = DEFAULT_DIR): Promise<Templates> {
  const compiled = await compileDir(dir, Object.values(ENTRY));
  const templates = createTemplates(compiled);
  for (const a of SAMPLE_ANNOUNCEMENTS) {
    for (const r of SAMPLE_RECIPIENTS) {
      templates.email(a, r, { inboxUrl: SAMPLE_INBOX_URL, company: 'Example & Co' });
      templates.slack(a, { inboxUrl: SAMPLE_INBOX_URL, locale: r.locale, timezone: r.timezone });
    }
  }
  for (const r of SAMPLE_RECIPIENTS) {
    for (const a of SAMPLE_ANNOUNCEMENTS) templates.reminder(a, r, { inboxUrl: SAMPLE_INBOX_URL });
    templates.digest({ items: SAMPLE_ANNOUNCEMENTS.map((a) => ({ announcement: a, url: SAMPLE_INBOX_URL })) }, r, { inboxUrl: SAMPLE_INBOX_URL });
    templates.digest({ items: SAMPLE_ANNOUNCEMENTS.slice(1).map((a) => ({ announcement: a, url: SAMPLE_INBOX_URL })) }, r, { inboxUrl: SAMPLE_INBOX_URL, company: 'Example & Co' });
  }
  for (const r of SAMPLE_RECIPIENTS) templates.invitation(sampleInvitation(r));
  return templates;
}

function createTemplates(compiled: CompiledDir): Templates {
  const render = (name: string, context: object): { out: string; file: string } => {
    const entry = compiled.entries.get(name)!; // compileDir checked that every ENTRY exists
    try {
      const options: Handlebars.RuntimeOptions = { partials: compiled.partials[entry.mode] };
      return { out: entry.run(context, options), file: entry.file };
    } catch (err) {
      const line = (err as { lineNumber?: number }).lineNumber;
      throw templateError(entry.file, line, `cannot render: ${(err as Error).message}`, err);
    }
  };

  return {
    ...lifeTemplates(render, common),

    email(a: AnnouncementView, r: RecipientView, opts: EmailOptions): RenderedEmail {
      const context = {
        ...common(a, opts.inboxUrl, r.locale, r.timezone),
        recipient: r,
        company: opts.company ?? '',
      };
      // Contract: the subject is the title, "[URGENT] " first for urgent ones, in any language.
      const title = a.title.replace(/[\r\n]+/g, ' ').trim();
      return {
        subject: a.priority === 'urgent' ? `[URGENT] ${title}` : title,
        html: render(ENTRY.emailHtml, context).out,
        text: render(ENTRY.emailText, context).out.replace(/\n{3,}/g, '\n\n').trim() + '\n',
      };
    },

    invitation(v: InvitationView): RenderedEmail {
      const subject = translate(resolveLang(v.recipient.locale), 'invite.subject');
      const context = {
        locale: resolveLang(v.recipient.locale),
        dateLocale: intlLocale(v.recipient.locale),
        timezone: safeTimeZone(v.recipient.timezone),
        pageTitle: subject,
        preheader: subject,
        recipient: v.recipient,
        setPasswordUrl: checkUrl(v.setPasswordUrl),
        inboxUrl: checkUrl(v.appUrl),
        expiresAt: v.expiresAt,
        company: v.company ?? '',
      };
      return {
        subject,
        html: render(ENTRY.invitationHtml, context).out,
        text: render(ENTRY.invitationText, context).out.replace(/\n{3,}/g, '\n\n').trim() + '\n',
      };
    },

    slack(a: AnnouncementView, opts: SlackOptions): RenderedSlack {
      const context = common(a, opts.inboxUrl, opts.locale ?? 'en', opts.timezone ?? 'UTC');
      const { out, file } = render(ENTRY.slack, context);
      let blocks: unknown;
      try {
        blocks = JSON.parse(out);
      } catch (err) {
        const at = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? NaN);
        const where = Number.isFinite(at) ? ` (line ${out.slice(0, at).split('\n').length} of the output)` : '';
        throw templateError(file, undefined, `renders invalid JSON${where}: ${(err as Error).message}`, err);
      }
      if (!Array.isArray(blocks)) throw templateError(file, undefined, 'must render a JSON array of blocks');
      const title = escapeMrkdwn(truncateText(a.title.replace(/\s+/g, ' ').trim(), SLACK_HEADER_MAX));
      const summary = escapeMrkdwn(excerpt(a.body, 150));
      return {
        text: `${a.priority === 'urgent' ? '[URGENT] ' : ''}${title}${summary ? ` — ${summary}` : ''}`,
        blocks: blocks.filter(hasContent).map(enforceSlackLimits),
      };
    },
  };
}

/** What every template sees at its root; the helpers read locale/dateLocale/timezone from it. */
function common(a: AnnouncementView, inboxUrl: string, locale: string, timezone: string) {
  return {
    locale: resolveLang(locale),
    dateLocale: intlLocale(locale),
    timezone: safeTimeZone(timezone),
    announcement: a,
    inboxUrl: checkUrl(inboxUrl),
    urgent: a.priority === 'urgent',
    high: a.priority === 'high',
  };
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`inboxUrl is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`inboxUrl must be http(s): ${url}`);
  return url;
}

/** Slack rejects a section with empty text (a body of only an HTML comment, say): leave it out. */
function hasContent(block: unknown): boolean {
  const b = block as { type?: string; text?: { text?: unknown } };
  return !(b.type === 'section' && typeof b.text?.text === 'string' && b.text.text.trim() === '');
}

/** The templates already keep to Slack's limits; this is the net if a template edit forgets. */
function enforceSlackLimits(block: unknown): unknown {
  const b = block as { type?: string; text?: { type?: string; text?: unknown } };
  const obj = b.text;
  const text = obj?.text;
  if (!obj || typeof text !== 'string') return block;
  if (b.type === 'header' && text.length > SLACK_HEADER_MAX) obj.text = truncateSlackText(text, SLACK_HEADER_MAX);
  if (b.type === 'section' && text.length > SLACK_SECTION_MAX) {
    obj.text = obj.type === 'mrkdwn' ? truncateMrkdwn(text, SLACK_SECTION_MAX) : truncateSlackText(text, SLACK_SECTION_MAX);
  }
  return block;
}
