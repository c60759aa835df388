// A tiny allow-list HTML sanitizer for Markdown rendered in the browser (composer preview)
// and, as defence in depth, for the server's already sanitized `bodyHtml`.
import { marked } from 'marked';

const ALLOWED_TAGS = new Set([
  'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'i', 'li', 'ol', 'p', 'pre', 's', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
/** Removed together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea',
  'select', 'button', 'form', 'title', 'head', 'link', 'meta', 'frame', 'frameset',
]);
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;

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
    if (tag === 'ol') {
      const start = el.getAttribute('start');
      if (start && /^\d+$/.test(start)) copy.setAttribute('start', start);
    }
    cleanChildren(el, copy, doc);
    target.appendChild(copy);
  });
}

/** Keeps only allow-listed tags and attributes; returns an HTML string safe to inject. */
export function sanitizeHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.implementation.createHTMLDocument('');
  const container = out.createElement('div');
  cleanChildren(parsed.body, container, out);
  return container.innerHTML;
}

/** Markdown → sanitized HTML for the composer's live preview. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html);
}
