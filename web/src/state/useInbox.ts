// The inbox store as a hook: loading pages for the current filter, read and acknowledge.
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { api, ApiError, query } from '../api';
import type { InboxPage, Notification, ReceiptResponse } from '../types';
import { inboxReducer, initialInboxState, type InboxAction, type InboxFilter, type InboxState } from './inbox';

export const PAGE_SIZE = 20;

/** Ids are strings in the contract; accept numbers too, just in case. */
export function normalizeNotification(n: Notification): Notification {
  return {
    ...n,
    id: String(n.id),
    announcementId: String(n.announcementId),
    departments: Array.isArray(n.departments) ? n.departments : [],
  };
}

export interface InboxStore {
  state: InboxState;
  stateRef: { readonly current: InboxState };
  dispatch: (action: InboxAction) => void;
  error: ApiError | null;
  loading: boolean;
  setFilter: (filter: InboxFilter) => void;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  markRead: (id: string) => Promise<void>;
  acknowledge: (id: string) => Promise<void>;
  /** POST /api/inbox/read-all; other tabs hear of it through the socket. */
  markAllRead: () => Promise<void>;
}

function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
}

export function useInboxStore(): InboxStore {
  const [state, dispatch] = useReducer(inboxReducer, initialInboxState);
  const stateRef = useRef(state);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const pending = useRef(new Set<string>());

  // A layout effect, so the ref is current before any page's (passive) effects read it.
  useLayoutEffect(() => {
    stateRef.current = state;
  }, [state]);

  const load = useCallback(async (filter: InboxFilter, append: boolean) => {
    const ids = stateRef.current.ids;
    const before = append ? ids[ids.length - 1] : undefined;
    setLoading(true);
    try {
      const page = await api.get<InboxPage>(
        `/api/inbox${query({
          limit: PAGE_SIZE,
          before,
          filter: filter.kind === 'all' ? undefined : filter.kind,
          department: filter.department || undefined,
          q: filter.q?.trim() || undefined,
        })}`,
      );
      const items = (page.items ?? []).map(normalizeNotification);
      dispatch({
        type: 'page',
        filter,
        items,
        unreadCount: page.unreadCount ?? 0,
        append,
        hasMore: items.length >= PAGE_SIZE,
      });
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setLoading(false);
    }
  }, []);

  const setFilter = useCallback(
    (filter: InboxFilter) => {
      const action: InboxAction = { type: 'filter', filter };
      stateRef.current = inboxReducer(stateRef.current, action);
      dispatch(action);
      void load(filter, false);
    },
    [load],
  );

  const refresh = useCallback(() => load(stateRef.current.filter, false), [load]);
  const loadMore = useCallback(() => load(stateRef.current.filter, true), [load]);

  const receipt = useCallback(async (id: string, kind: 'read' | 'ack') => {
    const key = `${kind}:${id}`;
    if (pending.current.has(key)) return;
    pending.current.add(key);
    try {
      const res = await api.post<ReceiptResponse>(`/api/inbox/${encodeURIComponent(id)}/${kind}`);
      dispatch({ type: 'updated', notification: normalizeNotification(res.notification), unreadCount: res.unreadCount });
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      pending.current.delete(key);
    }
  }, []);

  const markRead = useCallback(
    async (id: string) => {
      const n = stateRef.current.byId[id];
      if (!n || n.readAt) return;
      await receipt(id, 'read');
    },
    [receipt],
  );
  const acknowledge = useCallback((id: string) => receipt(id, 'ack'), [receipt]);

  const markAllRead = useCallback(async () => {
    try {
      const res = await api.post<{ unreadCount: number }>('/api/inbox/read-all');
      dispatch({ type: 'readAll', readAt: new Date().toISOString(), unreadCount: res.unreadCount ?? 0 });
      setError(null);
    } catch (err) {
      setError(toApiError(err));
    }
  }, []);

  return useMemo(
    () => ({ state, stateRef, dispatch, error, loading, setFilter, refresh, loadMore, markRead, acknowledge, markAllRead }),
    [state, error, loading, setFilter, refresh, loadMore, markRead, acknowledge, markAllRead],
  );
}
