// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { makeNotification as n } from '../test-utils';
import { DEFAULT_FILTER, inboxReducer, initialInboxState, matchesFilter, visibleItems, type InboxState } from './inbox';

const all = DEFAULT_FILTER;
const unread = { kind: 'unread' as const, department: '' };

function loaded(items = [n('3'), n('2'), n('1')], unreadCount = 3): InboxState {
  return inboxReducer(initialInboxState, { type: 'page', filter: all, items, unreadCount, append: false, hasMore: true });
}

describe('inbox reducer', () => {
  it('loads a page newest first and remembers the newest id for catch-up', () => {
    const s = loaded([n('1'), n('3'), n('2')]);
    expect(visibleItems(s).map((x) => x.id)).toEqual(['3', '2', '1']);
    expect(s.lastId).toBe('3');
    expect(s.unreadCount).toBe(3);
    expect(s.hasMore).toBe(true);
  });

  it('adds a live notification once, however often it arrives', () => {
    let s = loaded();
    const live = n('4');
    s = inboxReducer(s, { type: 'live', notification: live });
    s = inboxReducer(s, { type: 'live', notification: live });
    s = inboxReducer(s, { type: 'live', notification: { ...live } });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['4', '3', '2', '1']);
    expect(s.unreadCount).toBe(4);
    expect(s.lastId).toBe('4');
  });

  it('does not duplicate items a page and the socket both delivered', () => {
    let s = inboxReducer(initialInboxState, { type: 'live', notification: n('5') });
    s = inboxReducer(s, { type: 'page', filter: all, items: [n('5'), n('4')], unreadCount: 2, append: false, hasMore: false });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['5', '4']);
    expect(s.unreadCount).toBe(2);
  });

  it('keeps counting a live item newer than the page the server answered with', () => {
    let s = inboxReducer(initialInboxState, { type: 'live', notification: n('9') });
    s = inboxReducer(s, { type: 'page', filter: all, items: [n('4')], unreadCount: 1, append: false, hasMore: false });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['9', '4']);
    expect(s.unreadCount).toBe(2);
  });

  it('replayed notifications after a reconnect merge in order without duplicates', () => {
    let s = loaded();
    for (const id of ['4', '5', '3', '6']) s = inboxReducer(s, { type: 'live', notification: n(id) });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(s.unreadCount).toBe(6);
  });

  it('appends older pages without duplicates', () => {
    let s = loaded();
    s = inboxReducer(s, { type: 'page', filter: all, items: [n('1'), n('0')], unreadCount: 4, append: true, hasMore: false });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['3', '2', '1', '0']);
    expect(s.hasMore).toBe(false);
  });

  it('ignores a page answered for a filter no longer shown', () => {
    let s = loaded();
    s = inboxReducer(s, { type: 'filter', filter: unread });
    const after = inboxReducer(s, { type: 'page', filter: all, items: [n('7')], unreadCount: 9, append: false, hasMore: false });
    expect(after).toBe(s);
  });

  it('applies receipts from other tabs and the server unread count', () => {
    let s = loaded();
    s = inboxReducer(s, { type: 'receipt', receipt: { id: '2', readAt: '2026-01-02T00:00:00Z', ackAt: null, unreadCount: 2 } });
    expect(s.byId['2']!.readAt).toBe('2026-01-02T00:00:00Z');
    expect(s.unreadCount).toBe(2);
    // unknown id: only the count changes
    s = inboxReducer(s, { type: 'receipt', receipt: { id: 'zz', readAt: 'x', ackAt: null, unreadCount: 1 } });
    expect(s.unreadCount).toBe(1);
    expect(s.byId.zz).toBeUndefined();
  });

  it('keeps an item listed under "unread" after it is read while shown', () => {
    let s = inboxReducer(loaded(), { type: 'filter', filter: unread });
    s = inboxReducer(s, { type: 'page', filter: unread, items: [n('3'), n('2')], unreadCount: 2, append: false, hasMore: false });
    s = inboxReducer(s, { type: 'updated', notification: { ...n('3'), readAt: '2026-01-02T00:00:00Z' }, unreadCount: 1 });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['3', '2']);
    expect(s.unreadCount).toBe(1);
  });

  it('lists a live notification only when it matches the current filter', () => {
    let s = inboxReducer(loaded(), { type: 'filter', filter: { kind: 'all', department: 'it' } });
    s = inboxReducer(s, { type: 'live', notification: n('8', { departments: ['hr'] }) });
    s = inboxReducer(s, { type: 'live', notification: n('9', { departments: ['it'] }) });
    expect(visibleItems(s).map((x) => x.id)).toEqual(['9']);
    expect(s.unreadCount).toBe(5);
  });

  it('matches filters', () => {
    const ack = n('1', { requireAck: true });
    expect(matchesFilter(ack, { kind: 'ack_required', department: '' })).toBe(true);
    expect(matchesFilter({ ...ack, ackAt: 'x' }, { kind: 'ack_required', department: '' })).toBe(false);
    expect(matchesFilter({ ...ack, readAt: 'x' }, unread)).toBe(false);
  });
});
