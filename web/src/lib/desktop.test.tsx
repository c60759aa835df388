// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeNotification } from '../test-utils';
import { notifyDesktop, plainExcerpt } from './desktop';

afterEach(() => vi.unstubAllGlobals());

function stub(permission: string) {
  const shown: { title: string; options: { body: string; tag: string } }[] = [];
  const N = function (this: object, title: string, options: { body: string; tag: string }) {
    shown.push({ title, options });
  } as unknown as typeof Notification;
  Object.assign(N, { permission });
  vi.stubGlobal('Notification', N);
  return shown;
}

describe('desktop notifications', () => {
  it('show only when opted in, allowed, and the tab is hidden; one tag per notification', () => {
    const shown = stub('granted');
    const n = makeNotification('7', { title: 'Office closed', bodyHtml: '<p>From <b>Monday</b></p>', priority: 'urgent' });
    expect(notifyDesktop(n, { enabled: true, hidden: false, onOpen: () => {} })).toBe(false);
    expect(notifyDesktop(n, { enabled: false, hidden: true, onOpen: () => {} })).toBe(false);
    expect(notifyDesktop(n, { enabled: true, hidden: true, onOpen: () => {} })).toBe(true);
    expect(shown).toEqual([{ title: '⚠ Office closed', options: { body: 'From Monday', tag: 'heraldo-7' } }]);
  });

  it('stay quiet when the site is not allowed', () => {
    const shown = stub('denied');
    expect(notifyDesktop(makeNotification('1'), { enabled: true, hidden: true, onOpen: () => {} })).toBe(false);
    expect(shown).toHaveLength(0);
  });

  it('use the text of the message, cut short', () => {
    expect(plainExcerpt('<p>a <script>x</script>b</p>', 140)).toBe('a xb');
    expect(plainExcerpt(`<p>${'word '.repeat(100)}</p>`, 20)).toHaveLength(20);
  });
});
