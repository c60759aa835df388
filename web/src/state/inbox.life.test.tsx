import { describe, expect, it } from 'vitest';
import { makeNotification as n } from '../test-utils';
import { DEFAULT_FILTER, inboxReducer, initialInboxState, matchesFilter, visibleItems, type InboxState } from './inbox';

function loaded(): InboxState {
  const items = [n('3', { announcementId: 'A' }), n('2', { announcementId: 'B', readAt: '2026-01-02T00:00:00Z' }), n('1', { announcementId: 'C' })];
  return inboxReducer(initialInboxState, { type: 'page', filter: DEFAULT_FILTER, items, unreadCount: 2, append: false, hasMore: false });
}

describe('inbox store: an announcement\'s life', () => {
  it('shows an edit on every item of the announcement, and nothing else changes', () => {
    const state = inboxReducer(loaded(), {
      type: 'edited',
      update: { announcementId: 'A', title: 'Corrected', bodyHtml: '<p>New</p>', snippet: 'New', priority: 'high', editedAt: '2026-03-01T10:00:00Z' },
    });
    expect(state.byId['3']).toMatchObject({ title: 'Corrected', bodyHtml: '<p>New</p>', priority: 'high', editedAt: '2026-03-01T10:00:00Z', readAt: null });
    expect(state.byId['2']!.title).toBe('Announcement 2');
    expect(state.unreadCount).toBe(2);
    // An announcement not loaded here: the same state back.
    const before = loaded();
    expect(inboxReducer(before, { type: 'edited', update: { announcementId: 'Z', title: 'x', bodyHtml: '', snippet: '', priority: 'normal', editedAt: '' } })).toBe(before);
  });

  it('removes a retracted announcement and counts its unread item out', () => {
    const state = inboxReducer(loaded(), { type: 'removed', announcementId: 'A' });
    expect(visibleItems(state).map((i) => i.id)).toEqual(['2', '1']);
    expect(state.byId['3']).toBeUndefined();
    expect(state.unreadCount).toBe(1);
    // A read one leaves the count alone.
    expect(inboxReducer(state, { type: 'removed', announcementId: 'B' }).unreadCount).toBe(1);
  });

  it('marks everything read on read-all', () => {
    const state = inboxReducer(loaded(), { type: 'readAll', readAt: '2026-03-01T10:00:00Z', unreadCount: 0 });
    expect(visibleItems(state).every((i) => i.readAt)).toBe(true);
    expect(state.byId['2']!.readAt).toBe('2026-01-02T00:00:00Z'); // kept as it was
    expect(state.unreadCount).toBe(0);
  });

  it('treats a search as its own list: live items are not guessed into it', () => {
    expect(matchesFilter(n('9'), { ...DEFAULT_FILTER, q: 'payroll' })).toBe(false);
    const searching = inboxReducer(loaded(), { type: 'filter', filter: { ...DEFAULT_FILTER, q: 'payroll' } });
    expect(searching.ids).toEqual([]);
    const live = inboxReducer(searching, { type: 'live', notification: n('9') });
    expect(live.ids).toEqual([]);
    expect(live.unreadCount).toBe(3); // still counted
  });
});
