// Markdown → readable plain text, for the text/plain part of emails and for excerpts. Keeps
// the conventions people know from plain-text mail: *bold*, _italic_, "- " lists, links as
// "text (url)", headings underlined.
import { renderMarkdown, type Dialect } from './markdown-walk.js';

const indent = (s: string, pad: string) => s.split('\n').map((l) => (l === '' ? l : pad + l)).join('\n');

const plain: Dialect = {
  text: (s) => s,
  strong: (s) => `*${s}*`,
  em: (s) => `_${s}_`,
  del: (s) => `~~${s}~~`,
  codespan: (code) => '`' + code + '`',
  code: (code) => indent(code, '    '),
  link: (href, inner) => {
    const shown = href.replace(/^mailto:/i, '');
    return inner === '' || inner === href || inner === shown ? shown : `${inner} (${shown})`;
  },
  image: (href, alt) => (href === null ? alt : alt === '' ? href : `${alt} (${href})`),
  heading: (inner, depth) => `${inner}\n${(depth === 1 ? '=' : '-').repeat(Math.max(3, [...inner].length))}`,
  hr: '----------',
  quote: (block) => block.split('\n').map((l) => (l === '' ? '>' : `> ${l}`)).join('\n'),
  bullet: (ordered, n) => (ordered ? `${n}. ` : '- '),
  checkbox: (checked) => (checked ? '[x] ' : '[ ] '),
};
plain.headingDialect = { ...plain, strong: (s) => s, em: (s) => s };

export function markdownToText(markdown: string): string {
  return renderMarkdown(markdown, plain);
}

// For previews and notifications: just the words, no markers, no urls.
const bare: Dialect = {
  ...plain,
  strong: (s) => s,
  em: (s) => s,
  del: (s) => s,
  codespan: (code) => code,
  code: (code) => code,
  link: (href, inner) => inner || href.replace(/^mailto:/i, ''),
  image: (_href, alt) => alt,
  heading: (inner) => inner,
  hr: '',
  quote: (block) => block,
  checkbox: () => '',
};
bare.headingDialect = bare;

/** The start of a Markdown text as one plain line of at most `max` characters, "…" if cut. */
export function excerpt(markdown: string, max: number): string {
  return truncateText(renderMarkdown(markdown, bare).replace(/\s+/g, ' ').trim(), max);
}

/** How long an inbox snippet may be (characters, "…" included when cut). */
export const SNIPPET_LENGTH = 140;

/** The inbox snippet of a Markdown body: its first words as one plain line. */
export function snippetOf(markdown: string): string {
  return excerpt(markdown, SNIPPET_LENGTH);
}

/** Cut to at most `max` UTF-16 units (Slack counts those), at a word if one is near, "…" added. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, Math.max(0, max - 1));
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  const space = head.lastIndexOf(' ');
  if (space > max * 0.7) head = head.slice(0, space);
  return head.trimEnd() + '…';
}
