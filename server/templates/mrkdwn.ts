// Markdown → Slack mrkdwn. Slack reads `<...>` as links and mentions (`<!channel>`, `<@U1>`),
// so every piece of author text is escaped (& < >) and the only `<` that reach Slack are the
// links built here from http(s)/mailto destinations. Send the result with `verbatim: true`
// so Slack doesn't go looking for mentions in plain words either.
import { renderMarkdown, type Dialect } from './markdown-walk.js';

/**
 * Slack's three escapes, the only escaping it has. Slack decodes them in every text object,
 * plain_text included, so plain_text (the header) is escaped too.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plainHeading: Partial<Dialect> = { strong: (s) => s };

const mrkdwn: Dialect = {
  text: escapeMrkdwn,
  strong: (s) => `*${s}*`,
  em: (s) => `_${s}_`,
  del: (s) => `~${s}~`,
  codespan: (code) => '`' + escapeMrkdwn(code) + '`',
  code: (code) => '```\n' + escapeMrkdwn(code) + '\n```',
  link: (href, inner) => {
    const url = escapeMrkdwn(href);
    if (inner !== '' && inner !== url) return `<${url}|${inner}>`;
    // Slack would show "mailto:" in front of a bare address; label it with the address.
    return /^mailto:/i.test(href) ? `<${url}|${url.slice('mailto:'.length)}>` : `<${url}>`;
  },
  image: (href, alt) => (href === null ? alt : alt === '' ? `<${escapeMrkdwn(href)}>` : `<${escapeMrkdwn(href)}|${alt}>`),
  heading: (inner) => `*${inner}*`,
  hr: '──────────',
  // Quote markers are Slack syntax we produce, so a literal `>` (authors' ones are &gt;).
  quote: (block) => block.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n'),
  bullet: (ordered, n, depth) => (ordered ? `${n}. ` : depth === 0 ? '• ' : '◦ '),
  checkbox: (checked) => (checked ? '☑ ' : '☐ '),
};
mrkdwn.headingDialect = { ...mrkdwn, ...plainHeading };

export function markdownToMrkdwn(markdown: string): string {
  return renderMarkdown(markdown, mrkdwn);
}

/**
 * Cuts escaped Slack text to at most `max` UTF-16 units (Slack's limits) ending in "…", never
 * inside an escape (`&amp;`), a link (`<url|text>`) or a surrogate pair.
 */
export function truncateSlackText(text: string, max: number, reserve = 0): string {
  if (text.length <= max) return text;
  let head = text.slice(0, Math.max(0, max - 1 - reserve));
  const amp = head.lastIndexOf('&');
  if (amp >= 0 && !head.slice(amp).includes(';')) head = head.slice(0, amp);
  const lt = head.lastIndexOf('<');
  if (lt >= 0 && !head.slice(lt).includes('>')) head = head.slice(0, lt);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return head.trimEnd() + '…';
}

/** As truncateSlackText, and closes a code block the cut left open, so the tail still renders. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const FENCE = '\n```';
  const head = truncateSlackText(text, max, FENCE.length); // room for a closing fence
  return head + ((head.split('```').length - 1) % 2 === 1 ? FENCE : '');
}
