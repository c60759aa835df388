// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILTER } from '../state/inbox';
import { PAGE_SIZE, useInboxStore, type InboxStore } from '../state/useInbox';
import { DEPARTMENTS, makeMe, makeNotification as n, mockFetch, renderWithI18n } from '../test-utils';
import { Inbox } from './Inbox';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

let store: InboxStore;
function Harness({ openId }: { openId?: string }) {
  store = useInboxStore();
  const { setFilter } = store;
  useEffect(() => setFilter(DEFAULT_FILTER), [setFilter]);
  return <Inbox me={makeMe({ role: 'employee' })} store={store} openId={openId} />;
}

function setup(openId?: string) {
  const items = [
    n('3', { requireAck: true, priority: 'urgent', bodyHtml: '<pre><code>x</code></pre><table><tr><td align="right">1</td></tr></table>' }),
    n('2', { departments: ['it'], snippet: 'The first words of two' }), n('1', { readAt: '2026-01-01T00:00:00Z' })];
  const api = mockFetch({
    'GET /api/inbox': (call) => ({
      status: 200,
      body: { items: call.path.includes('filter=unread') ? items.filter((i) => !i.readAt) : items, unreadCount: 2 },
    }),
    'GET /api/departments': { status: 200, body: DEPARTMENTS },
    'POST /api/inbox/2/read': { status: 200, body: { notification: { ...items[1], readAt: '2026-02-01T00:00:00Z' }, unreadCount: 1 } },
    'POST /api/inbox/3/read': { status: 200, body: { notification: { ...items[0], readAt: '2026-02-01T00:00:00Z' }, unreadCount: 1 } },
    'POST /api/inbox/3/ack': {
      status: 200,
      body: { notification: { ...items[0], readAt: '2026-02-01T00:00:00Z', ackAt: '2026-02-01T00:00:00Z' }, unreadCount: 1 },
    },
  });
  renderWithI18n(<Harness openId={openId} />);
  return api;
}

describe('Inbox', () => {
  it('lists notifications, marks one read when opened, and confirms', async () => {
    const { calls } = setup();
    const rows = await screen.findAllByTestId('inbox-item');
    expect(rows.map((r) => r.dataset.id)).toEqual(['3', '2', '1']);
    expect(rows[1]!.dataset.read).toBe('false');

    // A closed item shows its snippet; the open one shows its body instead.
    expect(within(rows[1]!).getByTestId('inbox-snippet').textContent).toBe('The first words of two');
    fireEvent.click(within(rows[1]!).getByRole('button', { name: /Announcement 2/ }));
    expect(within(rows[1]!).getByText('Body 2')).toBeTruthy();
    expect(within(rows[1]!).queryByTestId('inbox-snippet')).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')[1]!.dataset.read).toBe('true'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/inbox/2/read')).toBe(true);

    // Confirming comes only after opening: item 3 asks for it but is still closed.
    expect(screen.queryByTestId('ack-button')).toBeNull();
    expect(within(rows[0]!).getByText('Open it to confirm you have read it.')).toBeTruthy();
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /Announcement 3/ }));
    const ack = await screen.findByTestId('ack-button');
    expect(ack.textContent).toBe('Confirm I have read this');
    fireEvent.click(ack);
    await waitFor(() => expect(screen.queryByTestId('ack-button')).toBeNull());
    expect(screen.getByTestId('ack-confirmed').textContent).toContain('Confirmed');
    // Focus follows from the button that went away to what replaced it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('ack-confirmed')));
    // Its code block and table scroll inside a named box a keyboard can reach.
    const boxes = within(rows[0]!).getAllByRole('group');
    expect(boxes.map((b) => [b.getAttribute('aria-label'), b.tabIndex])).toEqual([
      ['Code block, scrolls sideways', 0],
      ['Table, scrolls sideways', 0],
    ]);
    expect(within(rows[0]!).getByText('1').getAttribute('align')).toBe('right');
    expect(store.state.unreadCount).toBe(1);
  });

  it('filters on the server and shows live notifications once', async () => {
    const { calls } = setup();
    await screen.findAllByTestId('inbox-item');
    fireEvent.click(screen.getByLabelText('Unread'));
    await waitFor(() => expect(calls.some((c) => c.path.includes('filter=unread'))).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item').map((r) => r.dataset.id)).toEqual(['3', '2']));

    act(() => {
      store.dispatch({ type: 'live', notification: n('9') });
      store.dispatch({ type: 'live', notification: n('9') });
    });
    expect(screen.getAllByTestId('inbox-item').map((r) => r.dataset.id)).toEqual(['9', '3', '2']);

    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'it' } });
    await waitFor(() => expect(calls.some((c) => c.path.includes('department=it'))).toBe(true));
  });

  it('opens, focuses and marks read the item of a deep link (#/inbox/<id>)', async () => {
    const { calls } = setup('2');
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/inbox/2/read')).toBe(true));
    const row = screen.getAllByTestId('inbox-item')[1]!;
    expect(within(row).getByRole('button', { name: /Announcement 2/ }).getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: /Announcement 2/ }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')[1]!.dataset.read).toBe('true'));
  });

  it('has no detectable accessibility violations', async () => {
    setup();
    await screen.findAllByTestId('inbox-item');
    fireEvent.click(screen.getAllByRole('button', { name: /Announcement 3/ })[0]!);
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.html).join(' | ')}`)).toEqual([]);
  });

  it('focuses the first item "Load more" brought, then the end-of-list note', async () => {
    const page = (from: number, count: number) => Array.from({ length: count }, (_, i) => n(String(from - i)));
    mockFetch({
      'GET /api/inbox': (call) => {
        const before = new URLSearchParams(call.path.split('?')[1]).get('before');
        const items = before === null ? page(200, PAGE_SIZE) : before === String(201 - PAGE_SIZE) ? page(200 - PAGE_SIZE, PAGE_SIZE) : [];
        return { status: 200, body: { items, unreadCount: 0 } };
      },
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
    });
    renderWithI18n(<Harness />);
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(PAGE_SIZE));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('inbox-item')).toHaveLength(2 * PAGE_SIZE));
    const firstNew = screen.getAllByTestId('inbox-item')[PAGE_SIZE]!;
    await waitFor(() => expect(document.activeElement).toBe(within(firstNew).getByRole('button')));
    // The last page is empty: the button goes, and focus lands on the note that says so.
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('list-end')));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
