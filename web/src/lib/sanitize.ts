// A tiny allow-list HTML sanitizer for Markdown rendered in the browser (composer preview)
// and, as defence in depth, for the server's already sanitized `bodyHtml`.
import { marked } from 'marked';

const ALLOWED_TAGS = new Set([
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'i', 'img', 'li', 'ol', 'p', 'pre', 's', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
/** Removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea',
  'select', 'button', 'form', 'title', 'head', 'link', 'meta', 'frame', 'frameset',
]);
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;
/** Images as the email keeps them (https), or from this site. Which hosts actually load is the
 *  CSP's `img-src` (IMAGE_HOSTS on the server): a blocked one shows its alt text. */
const SAFE_IMAGE_URL = /^(https:\/\/|\/(?!\/))/i;
const ALIGN = /^(left|center|right)$/i;

/** Labels for the keyboard-reachable boxes that scroll sideways (code blocks and tables). */
export interface ScrollLabels {
  code: string;
  table: string;
}

function cleanChildren(source: Node, target: Node, doc: Document): void {
  source.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(doc.createTextNode(child.textContent ?? ''));
      return;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) return;
    const el = child as Element;
    const tag = el.tagName.toLowerCase();
    if (DROP_WITH_CONTENT.has(tag)) return;
    if (!ALLOWED_TAGS.has(tag)) {
      cleanChildren(el, target, doc); // unwrap: keep the text, lose the tag
      return;
    }
    const copy = doc.createElement(tag);
    if (tag === 'a') {
      const href = (el.getAttribute('href') ?? '').trim();
      if (SAFE_URL.test(href)) {
        copy.setAttribute('href', href);
        if (/^https?:/i.test(href)) {
          copy.setAttribute('target', '_blank');
          copy.setAttribute('rel', 'noopener noreferrer');
        }
      }
      const title = el.getAttribute('title');
      if (title) copy.setAttribute('title', title);
    }
    if (tag === 'img') {
      const src = (el.getAttribute('src') ?? '').trim();
      if (!SAFE_IMAGE_URL.test(src)) {
        // No image to show: its alt text stands in, as in the plain-text email.
        const alt = el.getAttribute('alt');
        if (alt) target.appendChild(doc.createTextNode(alt));
        return;
      }
      copy.setAttribute('src', src);
      copy.setAttribute('alt', el.getAttribute('alt') ?? '');
      const title = el.getAttribute('title');
      if (title) copy.setAttribute('title', title);
      copy.setAttribute('loading', 'lazy');
      copy.setAttribute('referrerpolicy', 'no-referrer');
    }
    if (tag === 'td' || tag === 'th') {
      const align = el.getAttribute('align');
      if (align && ALIGN.test(align)) copy.setAttribute('align', align.toLowerCase());
    }
    if (tag === 'ol') {
      const start = el.getAttribute('start');
      if (start && /^\d+$/.test(start)) copy.setAttribute('start', start);
    }
    cleanChildren(el, copy, doc);
    target.appendChild(copy);
  });
}

/**
 * Puts each code block and table in a box that scrolls sideways on its own (the page never
 * does) and that a keyboard can reach and a screen reader can name (axe
 * `scrollable-region-focusable`). A group, not a region: several per page need no unique names.
 */
function boxScrollables(container: Element, doc: Document, labels: ScrollLabels): void {
  container.querySelectorAll('pre, table').forEach((el) => {
    const box = doc.createElement('div');
    box.className = 'scroll-box';
    box.setAttribute('role', 'group');
    box.setAttribute('tabindex', '0');
    box.setAttribute('aria-label', el.tagName === 'PRE' ? labels.code : labels.table);
    el.replaceWith(box);
    box.appendChild(el);
  });
}

/** Keeps only allow-listed tags and attributes; returns an HTML string safe to inject. With
 *  `scrollLabels`, code blocks and tables get their own focusable scrolling box. */
export function sanitizeHtml(html: string, scrollLabels?: ScrollLabels): string {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const container = out.createElement('div');
  cleanChildren(parsed.body, container, out);
  if (scrollLabels) boxScrollables(container, out, scrollLabels);
  return container.innerHTML;
}

/** Markdown → sanitized HTML for the composer's live preview. */
export function renderMarkdown(markdown: string, scrollLabels?: ScrollLabels): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, scrollLabels);
}
