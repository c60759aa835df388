// One walk over marked's tokens, shared by the plain-text and Slack mrkdwn renderers. Working
// on tokens (not regexes over the source) means a `*` inside a code span or a `[x](y)` inside
// a code block is never mistaken for formatting. A Dialect says how each construct looks.
import { Lexer, type Token, type Tokens } from 'marked';

export interface Dialect {
  /** Author text, entities already decoded → output (the place to escape). */
  text(s: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  del(inner: string): string;
  codespan(code: string): string;
  code(code: string): string;
  /** Only called with http(s)/mailto hrefs free of whitespace, `<`, `>` and `|`. */
  link(href: string, inner: string): string;
  /** `href` is null when the image's source is not https (the alt text stays). */
  image(href: string | null, alt: string): string;
  heading(inner: string, depth: number): string;
  hr: string;
  quote(block: string): string;
  bullet(ordered: boolean, n: number, depth: number): string;
  checkbox(checked: boolean): string;
  /** Headings are rendered with this dialect when set (mrkdwn can't nest bold in bold). */
  headingDialect?: Dialect;
}

const LINK_SCHEMES = /^(https?:|mailto:)/i;
// `|` separates url and label in Slack links; a url holding one could pass off one link as
// another, so such links (and any with brackets or spaces) are shown as text, never linked.
const UNSAFE_URL_CHARS = /[\s<>|"]/;

export function renderMarkdown(markdown: string, d: Dialect): string {
  const tokens = Lexer.lex(markdown, { gfm: true });
  // Blank lines trimmed, not spaces: an indented code block may open the text.
  return blocks(tokens, d, 0).replace(/\n{3,}/g, '\n\n').replace(/^(\s*\n)+|\s+$/g, '');
}

function blocks(tokens: Token[], d: Dialect, depth: number): string {
  return tokens.map((t) => block(t, d, depth)).filter((s) => s !== '').join('\n\n');
}

function block(t: Token, d: Dialect, depth: number): string {
  switch (t.type) {
    case 'space':
    case 'def':
      return '';
    case 'paragraph':
      return inline(t.tokens ?? [], d);
    case 'text': // the text of a tight list item
      return t.tokens ? inline(t.tokens, d) : d.text(decodeEntities(t.text));
    case 'heading':
      return d.heading(inline(t.tokens ?? [], d.headingDialect ?? d), t.depth);
    case 'code':
      return d.code(t.text);
    case 'blockquote':
      return d.quote(blocks(t.tokens ?? [], d, depth));
    case 'hr':
      return d.hr;
    case 'list':
      return list(t as Tokens.List, d, depth);
    case 'table':
      return table(t as Tokens.Table, d);
    case 'html':
      return d.text(stripTags(t.text)).trim();
    default: { // tokens of marked extensions we don't know: keep their text
      const generic = t as Tokens.Generic;
      return Array.isArray(generic.tokens) ? inline(generic.tokens, d) : '';
    }
  }
}

function list(t: Tokens.List, d: Dialect, depth: number): string {
  const start = typeof t.start === 'number' ? t.start : 1;
  const items = t.items.map((item, i) => {
    const marker = d.bullet(t.ordered, start + i, depth);
    let box = '';
    const parts: string[] = [];
    for (const child of item.tokens) {
      if (child.type === 'checkbox') box = d.checkbox(Boolean(child.checked));
      else if (child.type === 'list') parts.push(list(child as Tokens.List, d, depth + 1));
      else parts.push(block(child, d, depth));
    }
    const body = parts.filter((s) => s !== '').join(item.loose ? '\n\n' : '\n');
    const pad = ' '.repeat([...marker].length);
    const lines = (box + body).split('\n').map((line, j) => (j === 0 || line === '' ? line : pad + line));
    return marker + lines.join('\n');
  });
  return items.join(t.loose ? '\n\n' : '\n');
}

function table(t: Tokens.Table, d: Dialect): string {
  const row = (cells: Tokens.TableCell[], header: boolean) =>
    cells.map((c) => (header ? d.strong(inline(c.tokens, d)) : inline(c.tokens, d))).join(' | ');
  return [row(t.header, true), ...t.rows.map((r) => row(r, false))].join('\n');
}

function inline(tokens: Token[], d: Dialect): string {
  let out = '';
  let inScript = false; // text between inline <script>/<style> tags is code, not prose
  for (const t of tokens) {
    if (t.type === 'html') {
      if (/^<(script|style)\b/i.test(t.text)) inScript = true;
      else if (/^<\/(script|style)\b/i.test(t.text)) inScript = false;
      out += d.text(stripTags(t.text));
      continue;
    }
    if (inScript) continue;
    switch (t.type) {
      case 'text':
        out += t.tokens ? inline(t.tokens, d) : d.text(decodeEntities(t.text));
        break;
      case 'escape':
        out += d.text(t.text);
        break;
      case 'strong':
      case 'em':
      case 'del': {
        const inner = inline(t.tokens ?? [], d);
        out += inner.trim() === '' ? inner : d[t.type](inner);
        break;
      }
      case 'codespan':
        out += d.codespan(t.text);
        break;
      case 'br':
        out += '\n';
        break;
      case 'link':
        out += link(t as Tokens.Link, d);
        break;
      case 'image': {
        const href = decodeEntities(t.href);
        const safe = /^https:/i.test(href) && !UNSAFE_URL_CHARS.test(href);
        out += d.image(safe ? href : null, inline(t.tokens ?? [], d));
        break;
      }
      case 'checkbox':
        out += d.checkbox(Boolean(t.checked));
        break;
      default: {
        const generic = t as Tokens.Generic;
        out += Array.isArray(generic.tokens) ? inline(generic.tokens, d) : d.text(decodeEntities(generic.raw));
      }
    }
  }
  return out;
}

function link(t: Tokens.Link, d: Dialect): string {
  const inner = inline(t.tokens, d);
  // Autolinks are literal; written links may carry character references (&amp;) to resolve.
  const href = t.autolink ? t.href : decodeEntities(t.href);
  if (!LINK_SCHEMES.test(href) || UNSAFE_URL_CHARS.test(href)) return inner;
  return d.link(href, inner);
}

/**
 * Raw HTML in Markdown becomes its text: tags, comments and script/style bodies go. Only
 * things shaped like real tags are removed, so `<!here>` or `<@U123>` typed by an author
 * stay visible as text (and are escaped by the dialect) instead of silently vanishing.
 */
export function stripTags(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/gi, '');
  return decodeEntities(text);
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—',
  ndash: '–', laquo: '«', raquo: '»', euro: '€', copy: '©', reg: '®', iexcl: '¡', iquest: '¿',
};

/** Resolves numeric and the common named character references; others are left as typed. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}
