// Is this HTML inert? Judged on the DOM a browser (or a mail client) builds from it, which
// decodes entities and fixes up broken markup the way an attacker counts on.
import { JSDOM } from 'jsdom';

const ACTIVE_TAGS = ['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'svg', 'math', 'form', 'input', 'button', 'textarea', 'select', 'base', 'link', 'meta', 'style', 'template', 'video', 'audio', 'source', 'portal'];
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'poster', 'srcset', 'ping', 'lowsrc', 'dynsrc'];

/**
 * What in `html` could run script, load a frame or post a form; [] when nothing.
 * `document`: a whole page of ours (the email layout), whose own <style> and <meta> are fine.
 */
export function activeContent(html: string, { document = false } = {}): string[] {
  const problems: string[] = [];
  const doc = new JSDOM(html).window.document;
  for (const tag of ACTIVE_TAGS) {
    if (document && (tag === 'style' || tag === 'meta')) continue;
    if (doc.getElementsByTagName(tag).length) problems.push(`<${tag}>`);
  }
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) ?? '';
      if (attr.startsWith('on')) problems.push(`${el.tagName} ${attr}`);
      if (attr === 'style' && /expression|url\s*\(|javascript/i.test(value)) problems.push(`${el.tagName} style=${value}`);
      if (attr === 'http-equiv') problems.push(`${el.tagName} http-equiv`);
      if (URL_ATTRS.includes(attr)) {
        // Browsers skip whitespace and control characters inside a scheme ("jav\tascript:").
        const squeezed = [...value].filter((c) => c > ' ').join('').toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
        if (scheme && !['http', 'https', 'mailto'].includes(scheme)) problems.push(`${el.tagName} ${attr}=${value}`);
        // Images load by themselves: only over https (a relative one stays on our own origin).
        if (el.tagName === 'IMG' && attr === 'src' && scheme && scheme !== 'https') problems.push(`IMG src=${value}`);
      }
    }
  }
  return problems;
}

/** Slack sequences in `text` that are not plain links: mentions, channel and date tokens. */
export function slackControls(text: string): string[] {
  const bad: string[] = [];
  for (const [whole, inner] of text.matchAll(/<([^>]*)>/g)) {
    if (!/^(https?:\/\/|mailto:)[^\s<>|]+(\|[^<>]*)?$/i.test(inner!)) bad.push(whole);
  }
  return bad;
}
