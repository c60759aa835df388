// Behaviour of email() and slack() beyond the snapshots: prefixes, languages, timezones,
// escaping per output format, and Slack's size limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, type AnnouncementView, type Templates } from '../../server/templates/index.js';
import { markdownToText } from '../../server/templates/plaintext.js';
import { helena, ian, INBOX_URL, normalEn, urgentEs } from './fixtures.js';

let t: Templates;
beforeAll(async () => {
  t = await loadTemplates();
});

const opts = { inboxUrl: INBOX_URL };
type Block = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };
const blocks = (a: AnnouncementView, o: Parameters<Templates['slack']>[1] = opts) => t.slack(a, o).blocks as Block[];

describe('email', () => {
  it('prefixes the subject with [URGENT] for urgent only, whatever the language', () => {
    expect(t.email(urgentEs, ian, opts).subject).toBe('[URGENT] Corte de luz en la oficina central');
    expect(t.email({ ...normalEn, priority: 'high' }, helena, opts).subject).toBe(normalEn.title);
    expect(t.email(normalEn, helena, opts).subject).toBe(normalEn.title);
    expect(t.email({ ...normalEn, title: 'a\r\nBcc: x@evil.test' }, ian, opts).subject).toBe('a Bcc: x@evil.test');
  });

  it('marks high priority softly, and not as urgent', () => {
    const mail = t.email({ ...normalEn, priority: 'high' }, ian, opts);
    expect(mail.html).toContain('High priority');
    expect(mail.text).toContain('[High priority]');
    expect(mail.html).not.toContain('URGENT');
    expect(mail.text).not.toContain('***');
  });

  it('asks for a read confirmation only when requireAck', () => {
    expect(t.email(urgentEs, ian, opts).text).toContain('Please confirm you have read this announcement');
    expect(t.email(normalEn, ian, opts).text).not.toContain('confirm');
    expect(t.email(normalEn, ian, opts).html).toContain(`href="${INBOX_URL}"`);
  });

  it('falls back to English for other languages and keeps regional Spanish', () => {
    expect(t.email(normalEn, { ...ian, locale: 'fr' }, opts).text).toContain('To: Everyone');
    expect(t.email(normalEn, { ...ian, locale: '' }, opts).text).toContain('To: Everyone');
    const mx = t.email(normalEn, { ...helena, locale: 'es-MX' }, opts);
    expect(mx.text).toContain('Para: Toda la empresa');
    expect(mx.html).toContain('<html lang="es">');
  });

  it('shows dates in the recipient timezone, UTC when the zone is unknown', () => {
    expect(t.email(normalEn, { ...ian, timezone: 'America/New_York' }, opts).text).toContain('March 2, 2026 at 4:30 AM');
    expect(t.email(normalEn, { ...ian, timezone: 'Mars/Olympus' }, opts).text).toContain('March 2, 2026 at 9:30 AM');
  });

  it('uses a generic footer without a company name', () => {
    expect(t.email(normalEn, ian, opts).text).toContain('You receive this because you are a member of the staff.');
    expect(t.email(normalEn, helena, { ...opts, company: 'ACME' }).text).toContain('Recibes este mensaje porque trabajas en ACME.');
  });

  it('does not HTML-escape the text part', () => {
    const mail = t.email({ ...normalEn, title: 'Q&A <today> "quoted" \'s', body: 'Tom & Jerry <3' }, ian, { ...opts, company: 'A&B' });
    expect(mail.text).toContain('Q&A <today> "quoted" \'s');
    expect(mail.text).toContain('Tom & Jerry <3');
    expect(mail.text).toContain('A&B');
    expect(mail.text).not.toMatch(/&amp;|&lt;|&quot;|&#x27;/);
    expect(mail.html).toContain('Q&amp;A &lt;today&gt;');
  });
});

describe('slack', () => {
  it('renders header, body, context and link blocks', () => {
    const b = blocks(normalEn);
    expect(b.map((x) => x.type)).toEqual(['header', 'section', 'context', 'section']);
    expect(b[0]!.text).toEqual({ type: 'plain_text', emoji: true, text: normalEn.title });
    expect(b[3]!.text!.text).toBe(`:arrow_right: <${INBOX_URL}|Open in Heraldo>`);
  });

  it('marks urgent ones and asks for confirmation', () => {
    const b = blocks(urgentEs, { ...opts, locale: 'es' });
    expect(b[0]!.text!.text).toBe(':rotating_light: *URGENTE*');
    expect(JSON.stringify(b)).toContain('confirma en Heraldo');
    expect(t.slack(urgentEs, opts).text.startsWith('[URGENT] ')).toBe(true);
  });

  it('defaults to English and UTC, and names the zone', () => {
    const context = blocks(normalEn).find((x) => x.type === 'context')!;
    expect(context.elements!.map((e) => e.text)).toContain('March 2, 2026 at 9:30 AM UTC');
  });

  it('escapes author text for mrkdwn everywhere, and not for HTML', () => {
    const a = { ...normalEn, title: '<!channel> Q&A "now"', departments: [{ slug: 'x', name: '<!here> R&D' }], authorName: '<@U1>' };
    const msg = t.slack(a, opts);
    // Slack decodes the three escapes in plain_text as well, so the header is escaped too.
    expect((msg.blocks as Block[])[0]!.text!.text).toBe('&lt;!channel&gt; Q&amp;A "now"');
    const json = JSON.stringify(msg.blocks);
    expect(msg.text).toBe('&lt;!channel&gt; Q&amp;A "now" — The new machine makes espresso and cappuccino. Please clean up after yourself — thanks!');
    expect(json).not.toMatch(/<[!@]/);
    expect(json).toContain('&lt;!here&gt; R&amp;D');
    expect(json).toContain('&lt;@U1&gt;');
    expect(json).not.toMatch(/&quot;|&#x27;|&#x3D;/);
  });

  it('keeps to Slack limits: header 150, section 3000', () => {
    const long = { ...normalEn, title: '<&>'.repeat(200), body: ('word & <x> '.repeat(600) + '\n\n').repeat(3) };
    const b = blocks(long);
    const header = b.find((x) => x.type === 'header')!.text!.text;
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header).toMatch(/^(&lt;&amp;&gt;)+(&lt;|&lt;&amp;)?…$/);
    for (const s of b.filter((x) => x.type === 'section')) expect(s.text!.text.length).toBeLessThanOrEqual(3000);
    expect(b[1]!.text!.text.endsWith('…')).toBe(true);
  });

  it('leaves out the body section when the body renders to nothing', () => {
    expect(blocks({ ...normalEn, body: '<!-- nothing -->' }).map((x) => x.type)).toEqual(['header', 'context', 'section']);
  });
});

describe('markdownToText', () => {
  it.each([
    ['**bold** _it_ ~~old~~ `code`', '*bold* _it_ ~~old~~ `code`'],
    ['[site](https://example.com) and <https://example.com>', 'site (https://example.com) and https://example.com'],
    ['[click](javascript:alert(1))', 'click'],
    ['# Title', 'Title\n====='],
    ['- a\n- b\n  1. c', '- a\n- b\n  1. c'],
    ['```\ncode <b>\n```', '    code <b>'],
    ['Tom &amp; Jerry &lt;3', 'Tom & Jerry <3'],
    ['<p>raw <em>html</em></p><script>x()</script>', 'raw html'],
  ])('%j → %j', (md, expected) => {
    expect(markdownToText(md)).toBe(expected);
  });
});
