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
});
