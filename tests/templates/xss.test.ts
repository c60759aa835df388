// Author-controlled text (title, body, department and author names) must never carry active
// content into an email. Checked twice: on the markup itself and on the DOM a browser would
// build from it (which decodes entities, as a mail client does).
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, type Templates } from '../../server/templates/index.js';
import { markdownToHtml } from '../../server/templates/markdown.js';
import { helena, INBOX_URL, normalEn } from './fixtures.js';

const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](javascript&#58;alert(1))',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="  javascript:alert(1)">spaces</a>',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="width: expression(alert(1))">ie</div>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>x</details>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
];

const BAD_TAGS = ['script', 'iframe', 'svg', 'object', 'embed', 'style', 'form', 'meta', 'math', 'base', 'link'];

/** Every tag in `html` that is real markup (text `<` are escaped by then). */
function tags(html: string): string[] {
  return html.match(/<[a-z!/][^>]*>/gi) ?? [];
}

function expectInert(html: string, { allowStyleTag = false } = {}): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe/i);
  for (const tag of tags(html)) {
    // Quoted attribute values are inert text (a title may well say "onmouseover="); look at
    // the attribute names and unquoted values only.
    const bare = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    expect(bare).not.toMatch(/\son\w+\s*=/i);
    expect(tag).not.toMatch(/(href|src|action|data)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
    expect(tag).not.toMatch(/expression\s*\(/i);
  }
  const doc = new JSDOM(html).window.document;
  for (const name of BAD_TAGS) {
    if (name === 'style' && allowStyleTag) continue;
    if (name === 'meta' && allowStyleTag) continue; // the layout's own <meta charset/viewport>
    expect(doc.getElementsByTagName(name), name).toHaveLength(0);
  }
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} ${attr}`).toBe(false);
      // Browsers ignore whitespace and control characters inside a scheme ("jav\tascript:").
      const value = [...el.getAttribute(attr)!].filter((c) => c > ' ').join('').toLowerCase();
      // Any scheme but these is out (relative urls are useless in mail but harmless).
      const scheme = /^([a-z][a-z0-9+.-]*):/.exec(value)?.[1];
      if (['href', 'src', 'action', 'data', 'formaction'].includes(attr) && scheme) {
        expect(['http', 'https', 'mailto'], `${el.tagName} ${attr}=${value}`).toContain(scheme);
      }
    }
  }
}

describe('the checker itself', () => {
  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    '<iframe src="https://e.example"></iframe>',
    '<div style="width:expression(alert(1))">x</div>',
  ])('flags raw %j', (html) => {
    expect(() => expectInert(html)).toThrow();
  });
});

describe('markdownToHtml', () => {
  it.each(VECTORS)('neutralizes %j', (vector) => {
    expectInert(markdownToHtml(`before\n\n${vector}\n\nafter`));
  });

  it('keeps the harmless parts of the text', () => {
    expect(markdownToHtml('[click](javascript:alert(1))')).toContain('click');
    expect(markdownToHtml('<details open ontoggle=alert(1)>x</details>')).toContain('x');
  });
});

describe('email html', () => {
  let templates: Templates;
  beforeAll(async () => {
    templates = await loadTemplates();
  });

  it.each(VECTORS)('neutralizes %j in every author field', (vector) => {
    const a = {
      ...normalEn,
      title: vector,
      body: `Intro\n\n${vector}\n\nInline ${vector} end`,
      authorName: vector,
      departments: [{ slug: 'x', name: vector }],
      requireAck: true,
    };
    const mail = templates.email(a, { ...helena, name: vector }, { inboxUrl: INBOX_URL, company: vector });
    expectInert(mail.html, { allowStyleTag: true });
    // The layout's one <style> is ours; an author's must not be there.
    expect(mail.html.match(/<style/gi)).toHaveLength(1);
  });

  it('rejects an inbox url that is not http(s)', () => {
    expect(() => templates.email(normalEn, helena, { inboxUrl: 'javascript:alert(1)' })).toThrow(/inboxUrl/);
  });
});
