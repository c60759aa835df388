// Markdown → Slack mrkdwn: formatting, and above all that nothing an author types can ping a
// channel or pass off a link as another.
import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, truncateMrkdwn } from '../../server/templates/mrkdwn.js';

describe('markdownToMrkdwn: mentions and Slack syntax typed by authors', () => {
  const cases: [string, string][] = [
    ['hey <!channel> read this', 'hey &lt;!channel&gt; read this'],
    ['ping <!here> now', 'ping &lt;!here&gt; now'],
    ['to <!everyone>', 'to &lt;!everyone&gt;'],
    ['ask <@U123>', 'ask &lt;@U123&gt;'],
    ['see <#C123|general>', 'see &lt;#C123|general&gt;'],
    ['<!subteam^S123> go', '&lt;!subteam^S123&gt; go'], // a paragraph opening with `<!` is an HTML block
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!date^1392734382^{date}|Feb 18>', '&lt;!date^1392734382^{date}|Feb 18&gt;'],
    ['`<!channel>` in code', '`&lt;!channel&gt;` in code'],
    ['```\n<!here> & <@U1>\n```', '```\n&lt;!here&gt; &amp; &lt;@U1&gt;\n```'],
    ['**<!channel>**', '*&lt;!channel&gt;*'],
    ['> <!everyone>', '> &lt;!everyone&gt;'],
    ['[<!here>](https://ok.example.com)', '<https://ok.example.com|&lt;!here&gt;>'],
    ['AT&T & co', 'AT&amp;T &amp; co'],
    ['already &amp; escaped &lt;b&gt;', 'already &amp; escaped &lt;b&gt;'],
    ['x &#60;!channel&#62; y', 'x &lt;!channel&gt; y'],
  ];
  it.each(cases)('%j → %j', (md, expected) => {
    expect(markdownToMrkdwn(md)).toBe(expected);
  });

  it('never emits a Slack control sequence for any of them', () => {
    for (const [md] of cases) expect(markdownToMrkdwn(md)).not.toMatch(/<[!@#]/);
  });

  it('does not turn <https://evil|x> into a link labelled "x"', () => {
    const out = markdownToMrkdwn('click <https://evil.example|x> or [y](https://evil.example|z)');
    expect(out).not.toContain('<https://evil');
    expect(out).not.toMatch(/\|x>/);
    expect(out).toContain('https://evil.example|x');
  });

  it('escapes > and & inside link urls and text', () => {
    expect(markdownToMrkdwn('[a > b & c](https://x.example/?q=1&r=2)')).toBe('<https://x.example/?q=1&amp;r=2|a &gt; b &amp; c>');
  });
});

describe('markdownToMrkdwn: formatting', () => {
  it.each([
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['~~gone~~', '~gone~'],
    ['`a*b*c`', '`a*b*c`'],
    ['[site](https://example.com)', '<https://example.com|site>'],
    ['<https://example.com>', '<https://example.com>'],
    ['www.example.com', '<http://www.example.com|www.example.com>'],
    ['write to hr@example.com', 'write to <mailto:hr@example.com|hr@example.com>'],
    ['[mail](mailto:hr@example.com)', '<mailto:hr@example.com|mail>'],
    ['# Title\n\ntext', '*Title*\n\ntext'],
    ['## A **bold** heading', '*A bold heading*'],
    ['- one\n- two', '• one\n• two'],
    ['1. one\n2. two', '1. one\n2. two'],
    ['- a\n  - b', '• a\n  ◦ b'],
    ['- [ ] todo\n- [x] done', '• ☐ todo\n• ☑ done'],
    ['> quoted\n> more', '> quoted\n> more'],
    ['```js\nif (a < b) {}\n```', '```\nif (a &lt; b) {}\n```'],
    ['line one  \nline two', 'line one\nline two'],
    ['\\*not bold\\*', '*not bold*'],
    ['a\n\n---\n\nb', 'a\n\n──────────\n\nb'],
    ['<div>html <b>tags</b></div>', 'html tags'],
    ['text <script>alert(1)</script> more', 'text  more'],
    ['![logo](https://example.com/logo.png)', '<https://example.com/logo.png|logo>'],
  ])('%j → %j', (md, expected) => {
    expect(markdownToMrkdwn(md)).toBe(expected);
  });
});

describe('markdownToMrkdwn: links that must not become links', () => {
  it.each([
    ['[click](javascript:alert(1))', 'click'],
    ['[click](JavaScript:alert(1))', 'click'],
    ['[click](&#106;avascript:alert(1))', 'click'],
    ['[click](data:text/html,hi)', 'click'],
    ['[click](vbscript:msgbox)', 'click'],
    ['[click](ftp://files.example.com)', 'click'],
    ['[click](/relative/path)', 'click'],
    ['![img](data:image/png;base64,AAAA)', 'img'],
    ['![img](http://insecure.example.com/a.png)', 'img'],
  ])('%j → %j', (md, expected) => {
    const out = markdownToMrkdwn(md);
    expect(out).toBe(expected);
    expect(out).not.toContain('<');
  });
});

describe('truncateMrkdwn', () => {
  it('leaves short text alone', () => {
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });

  it('cuts to the limit with an ellipsis, never inside an escape or a link', () => {
    const text = 'aaaa &amp; <https://example.com|link> ' + 'b'.repeat(50);
    for (let max = 5; max < 60; max++) {
      const out = truncateMrkdwn(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(out).not.toMatch(/&[a-z]*…|<[^>]*…/);
    }
  });

  it('closes a code block it cuts open', () => {
    const out = truncateMrkdwn('```\n' + 'x'.repeat(100) + '\n```', 40);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.endsWith('…\n```')).toBe(true);
  });

  it('does not split a surrogate pair', () => {
    const out = truncateMrkdwn('😀'.repeat(20), 9);
    expect(out).toBe('😀😀…');
  });
});
