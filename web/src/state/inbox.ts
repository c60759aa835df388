// The inbox store: every notification seen (by id, so never twice), the ids of the list
// currently shown (its filter, newest first) and the unread count the server reported.
import type { Notification, NotificationUpdate, ReceiptEvent } from '../types';

export type InboxFilterKind = 'all' | 'unread' | 'ack_required';

export interface InboxFilter {
  kind: InboxFilterKind;
  department: string; // slug, '' = any
  /** Words searched for (server-side full text); '' or absent = no search. */
  q?: string;
}

export const DEFAULT_FILTER: InboxFilter = { kind: 'all', department: '' };

export interface InboxState {
  byId: Record<string, Notification>;
  filter: InboxFilter;
  /** Ids shown for `filter`, newest first. Items stay listed when read/acked while shown. */
  ids: string[];
  loaded: boolean;
  hasMore: boolean;
  unreadCount: number;
  /** Id of the newest notification known, sent as `since` when the socket (re)connects. */
  lastId: string | null;
}

export const initialInboxState: InboxState = {
  byId: {},
  filter: DEFAULT_FILTER,
  ids: [],
  loaded: false,
  hasMore: false,
  unreadCount: 0,
  lastId: null,
};

export type InboxAction =
  | { type: 'filter'; filter: InboxFilter }
  | { type: 'page'; filter: InboxFilter; items: Notification[]; unreadCount: number; append: boolean; hasMore: boolean }
  | { type: 'live'; notification: Notification }
  | { type: 'receipt'; receipt: ReceiptEvent }
  | { type: 'updated'; notification: Notification; unreadCount: number }
  /** The announcement was edited: every item of it takes the new text. */
  | { type: 'edited'; update: NotificationUpdate }
  /** The announcement was retracted: its items leave the inbox. */
  | { type: 'removed'; announcementId: string }
  /** Everything was marked read (here or in another tab). */
  | { type: 'readAll'; readAt: string; unreadCount: number }
  | { type: 'reset' };

export function sameFilter(a: InboxFilter, b: InboxFilter): boolean {
  return a.kind === b.kind && a.department === b.department && (a.q ?? '') === (b.q ?? '');
}

export function matchesFilter(n: Notification, filter: InboxFilter): boolean {
  if (filter.kind === 'unread' && n.readAt) return false;
  if (filter.kind === 'ack_required' && (!n.requireAck || n.ackAt)) return false;
  if (filter.department && !n.departments.includes(filter.department)) return false;
  // Full-text matching is the server's (stems in two languages): a search lists only what it answered.
  if (filter.q) return false;
  return true;
}

/**
 * Newest first. The server's ids are increasing decimal strings (it pages with `before` and
 * replays with `since` by id), so numeric ids decide; otherwise publishedAt, then id.
 */
export function compareNewestFirst(a: Notification, b: Notification): number {
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id)) {
    const diff = BigInt(b.id) - BigInt(a.id);
    return diff > 0n ? 1 : diff < 0n ? -1 : 0;
  }
  const ta = Date.parse(a.publishedAt ?? '') || 0;
  const tb = Date.parse(b.publishedAt ?? '') || 0;
  if (ta !== tb) return tb - ta;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function sortIds(ids: Iterable<string>, byId: Record<string, Notification>): string[] {
  const unique = [...new Set(ids)].filter((id) => byId[id]);
  return unique.sort((x, y) => compareNewestFirst(byId[x]!, byId[y]!));
}

function newer(lastId: string | null, candidate: Notification, byId: Record<string, Notification>): string {
  const current = lastId ? byId[lastId] : undefined;
  return !current || compareNewestFirst(candidate, current) < 0 ? candidate.id : current.id;
}

function isUnfilteredAll(filter: InboxFilter): boolean {
  return filter.kind === 'all' && !filter.department && !filter.q;
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'filter':
      if (sameFilter(state.filter, action.filter)) return state;
      return { ...state, filter: action.filter, ids: [], loaded: false, hasMore: false };
    case 'page': {
      if (!sameFilter(state.filter, action.filter)) return state; // stale answer
      const byId = { ...state.byId };
      let lastId = state.lastId;
      const all = isUnfilteredAll(action.filter);
      for (const item of action.items) {
        byId[item.id] = item;
        // Only the unfiltered list tells us the newest one overall.
        if (all) lastId = newer(lastId, item, byId);
      }
      const pageIds = new Set(action.items.map((n) => n.id));
      // Live items that arrived while the page was loading stay listed (and stay counted
      // when they are newer than anything the server's answer knew about).
      let unreadCount = action.unreadCount;
      if (all && !action.append) {
        const newest = action.items[0];
        for (const id of state.ids) {
          const n = state.byId[id];
          if (!n || pageIds.has(id) || n.readAt) continue;
          if (!newest || compareNewestFirst(n, newest) < 0) unreadCount += 1;
        }
      }
      const ids = sortIds([...state.ids, ...pageIds], byId);
      const hasMore = action.append || !state.loaded ? action.hasMore : state.hasMore;
      return { ...state, byId, ids, loaded: true, hasMore, unreadCount, lastId };
    }
    case 'live': {
      const n = action.notification;
      if (state.byId[n.id]) {
        const lastId = newer(state.lastId, state.byId[n.id]!, state.byId);
        return lastId === state.lastId ? state : { ...state, lastId };
      }
      const byId = { ...state.byId, [n.id]: n };
      const ids = matchesFilter(n, state.filter) ? sortIds([n.id, ...state.ids], byId) : state.ids;
      return {
        ...state,
        byId,
        ids,
        unreadCount: state.unreadCount + (n.readAt ? 0 : 1),
        lastId: newer(state.lastId, n, byId),
      };
    }
    case 'receipt': {
      const { id, readAt, ackAt, unreadCount } = action.receipt;
      const existing = state.byId[id];
      if (!existing) return { ...state, unreadCount };
      const updated = { ...existing, readAt: readAt ?? existing.readAt, ackAt: ackAt ?? existing.ackAt };
      return { ...state, byId: { ...state.byId, [id]: updated }, unreadCount };
    }
    case 'updated': {
      const n = action.notification;
      const byId = { ...state.byId, [n.id]: { ...state.byId[n.id], ...n } };
      return { ...state, byId, unreadCount: action.unreadCount };
    }
    case 'edited': {
      const { announcementId, title, bodyHtml, snippet, priority, editedAt } = action.update;
      let byId = state.byId;
      for (const [id, n] of Object.entries(state.byId)) {
        if (n.announcementId !== announcementId) continue;
        if (byId === state.byId) byId = { ...state.byId };
        byId[id] = { ...n, title, bodyHtml, priority, editedAt, ...(snippet !== undefined ? { snippet } : {}) };
      }
      return byId === state.byId ? state : { ...state, byId };
    }
    case 'removed': {
      const gone = Object.values(state.byId).filter((n) => n.announcementId === action.announcementId);
      if (gone.length === 0) return state;
      const byId = { ...state.byId };
      for (const n of gone) delete byId[n.id];
      const unread = gone.filter((n) => !n.readAt).length;
      return { ...state, byId, ids: state.ids.filter((id) => byId[id]), unreadCount: Math.max(0, state.unreadCount - unread) };
    }
    case 'readAll': {
      const byId = { ...state.byId };
      for (const [id, n] of Object.entries(byId)) if (!n.readAt) byId[id] = { ...n, readAt: action.readAt };
      return { ...state, byId, unreadCount: action.unreadCount };
    }
    case 'reset':
      return initialInboxState;
  }
}

export function visibleItems(state: InboxState): Notification[] {
  return state.ids.map((id) => state.byId[id]).filter((n): n is Notification => Boolean(n));
}
