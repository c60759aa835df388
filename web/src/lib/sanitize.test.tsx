// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from './sanitize';

describe('sanitize', () => {
  it('keeps formatting and safe links', () => {
    const html = renderMarkdown('# Hi\n\n**bold** _it_ [x](https://example.com)\n\n- a\n- b');
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>');
    expect(html).toContain('<li>a</li>');
  });

  it('removes scripts, handlers and dangerous URLs', () => {
    const out = sanitizeHtml(
      '<p onclick="x()">a<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">l</a><iframe src="//evil"></iframe><span style="color:red">s</span></p>',
    );
    expect(out).toBe('<p>a<a>l</a>s</p>');
    const md = renderMarkdown('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(md).not.toMatch(/<script|<img|onerror|href="javascript:/i);
    expect(md).toContain('<a>x</a>');
  });

  it('keeps images (https or this site) with their alt text, and table alignment', () => {
    const html = renderMarkdown('![Floor plan](https://img.example/plan.png "Plan")\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |');
    expect(html).toContain('<img src="https://img.example/plan.png" alt="Floor plan" title="Plan" loading="lazy" referrerpolicy="no-referrer">');
    expect(html).toContain('<th align="center">a</th>');
    expect(html).toContain('<td align="right">2</td>');
    expect(sanitizeHtml('<img src="/logo.png" alt="Logo">')).toBe('<img src="/logo.png" alt="Logo" loading="lazy" referrerpolicy="no-referrer">');
    // Neither plain http nor data: nor another site's protocol-relative URL: the alt text stays.
    expect(sanitizeHtml('<img src="http://x.example/a.png" alt="A"><img src="data:image/png;base64,AA" alt="B"><img src="//x.example/c.png" alt="C">')).toBe('ABC');
    expect(sanitizeHtml('<td align="javascript:x">1</td>')).not.toContain('align');
  });

  it('puts code blocks and tables in named, focusable scrolling boxes when asked', () => {
    const labels = { code: 'Code', table: 'Table' };
    expect(sanitizeHtml('<pre><code>x</code></pre>', labels)).toBe(
      '<div class="scroll-box" role="group" tabindex="0" aria-label="Code"><pre><code>x</code></pre></div>',
    );
    expect(sanitizeHtml('<table><tbody><tr><td>1</td></tr></tbody></table>', labels)).toContain('aria-label="Table"><table>');
    expect(sanitizeHtml('<pre>x</pre>')).toBe('<pre>x</pre>');
  });
});
