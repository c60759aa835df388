// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackBlocks } from './SlackBlocks';

afterEach(cleanup);

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('SlackBlocks', () => {
  it('shows mrkdwn as Slack does: bold, italics, links by their text, entities decoded', () => {
    const { container } = render(
      <SlackBlocks
        fallback=""
        blocks={[
          { type: 'header', text: { type: 'plain_text', text: 'Q&amp;A &lt;today&gt;' } },
          section('*Bold* and _italic_ and ~gone~, `a &lt; b`, see <https://example.com/x?a=1&amp;b=2|the page> &amp; <mailto:it@heraldo.test|it@heraldo.test>'),
          section('> quoted\n2*3*4 stays, snake_case_name stays, &lt;!channel&gt; is text'),
          section('```\nif (a &amp;&amp; b) {}\n```'),
        ]}
      />,
    );
    expect(container.querySelector('.slack-header')!.textContent).toBe('Q&A <today>');
    const [first, second, third] = [...container.querySelectorAll('.slack-section')] as HTMLElement[];
    expect(first!.querySelector('strong')!.textContent).toBe('Bold');
    expect(first!.querySelector('em')!.textContent).toBe('italic');
    expect(first!.querySelector('del')!.textContent).toBe('gone');
    expect(first!.querySelector('code')!.textContent).toBe('a < b');
    const [link, mail] = [...first!.querySelectorAll('a')];
    expect(link!.textContent).toBe('the page');
    expect(link!.getAttribute('href')).toBe('https://example.com/x?a=1&b=2');
    expect(link!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(mail!.textContent).toBe('it@heraldo.test');
    expect(first!.textContent).toBe('Bold and italic and gone, a < b, see the page & it@heraldo.test');
    expect(second!.querySelector('.slack-quote')!.textContent).toBe('quoted');
    expect(second!.textContent).toContain('2*3*4 stays, snake_case_name stays, <!channel> is text');
    expect(second!.querySelector('strong, em, a')).toBeNull();
    expect(third!.querySelector('pre')!.textContent).toBe('if (a && b) {}');
  });

  it('never makes a link of anything but http(s) and mailto', () => {
    const { container } = render(<SlackBlocks fallback="" blocks={[section('<javascript:alert(1)|click>')]} />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('click');
  });

  it('renders the fallback text when there are no blocks', () => {
    const { container } = render(<SlackBlocks fallback="*Hi* &amp; bye" blocks={[]} />);
    expect(container.querySelector('strong')!.textContent).toBe('Hi');
    expect(container.textContent).toBe('Hi & bye');
  });
});
