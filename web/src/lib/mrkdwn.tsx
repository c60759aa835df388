// Slack mrkdwn as Slack shows it: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes,
// <url|text> links shown by their text, mentions by their name, and its three entities
// (&amp; &lt; &gt;) decoded. React elements only (no HTML strings): nothing here can inject.
import type { ReactNode } from 'react';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const SAFE_URL = /^(https?:|mailto:)/i;

/** `<…>`: a link, a mention, a special mention or a date, as Slack displays it. */
function angle(inner: string, key: string): ReactNode {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0]!;
    return label !== undefined ? decode(label) : ['channel', 'here', 'everyone'].includes(special) ? `@${special}` : '';
  }
  const url = decode(target);
  const text = label !== undefined ? decode(label) : url.replace(/^mailto:/i, '');
  return SAFE_URL.test(url) ? (
    <a key={key} href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    text
  );
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

const INLINE = /`([^`\n]+)`|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|<([^<>\n]+)>/g;
const WORD = /[\p{L}\p{N}]/u;

/** Formatting marks count only at word edges ("a*b*c" stays as typed), as in Slack. */
function atEdges(text: string, start: number, end: number): boolean {
  return !WORD.test(text[start - 1] ?? '') && !WORD.test(text[end] ?? '');
}

function inline(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  INLINE.lastIndex = 0;
  for (let m = INLINE.exec(text); m; m = INLINE.exec(text)) {
    const [whole, code, bold, italic, strike, link] = m;
    const start = m.index;
    const end = start + whole.length;
    if (link === undefined && code === undefined && !atEdges(text, start, end)) {
      INLINE.lastIndex = start + 1; // not formatting: read on from the next character
      continue;
    }
    if (start > last) out.push(decode(text.slice(last, start)));
    const key = `${keyPrefix}.${n++}`;
    const rest = INLINE.lastIndex;
    if (code !== undefined) out.push(<code key={key}>{decode(code)}</code>);
    else if (bold !== undefined) out.push(<strong key={key}>{inline(bold, key)}</strong>);
    else if (italic !== undefined) out.push(<em key={key}>{inline(italic, key)}</em>);
    else if (strike !== undefined) out.push(<del key={key}>{inline(strike, key)}</del>);
    else out.push(angle(link!, key));
    INLINE.lastIndex = rest; // the nested calls above reuse the regex
    last = end;
  }
  if (last < text.length) out.push(decode(text.slice(last)));
  return out;
}

/** Renders one mrkdwn text: code blocks and quotes by line, the rest inline. */
export function renderMrkdwn(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  text.split(/```/).forEach((part, i) => {
    if (i % 2 === 1) {
      out.push(<pre key={`pre${i}`}>{decode(part.replace(/^\n/, '').replace(/\n$/, ''))}</pre>);
      return;
    }
    const lines = part.split('\n');
    lines.forEach((line, j) => {
      const key = `${i}.${j}`;
      // Quote marks are literal ">" (an author's own ">" arrives as &gt;).
      const quote = /^> ?/.exec(line);
      if (quote) out.push(<span key={key} className="slack-quote">{inline(line.slice(quote[0].length), key)}</span>);
      else out.push(...inline(line, key));
      if (j < lines.length - 1) out.push('\n');
    });
  });
  return out;
}
