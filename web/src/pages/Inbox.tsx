// The inbox: live list, filters, read on open, acknowledge, load more.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { InboxFilters } from '../components/InboxFilters';
import { InboxItem } from '../components/InboxItem';
import { useI18n } from '../i18nContext';
import { useFocusNewItem } from '../lib/focus';
import { visibleItems } from '../state/inbox';
import { useDepartments } from '../state/useDepartments';
import type { InboxStore } from '../state/useInbox';
import type { Me } from '../types';

interface Props {
  me: Me;
  store: InboxStore;
  openId?: string;
}

export function Inbox({ me, store, openId }: Props) {
  const { t } = useI18n();
  const { departments: all } = useDepartments();
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(openId ? [openId] : []));
  const { state, markRead, acknowledge, markAllRead, setFilter, loadMore, refresh, error, loading } = store;
  const items = visibleItems(state);
  const [search, setSearch] = useState(state.filter.q ?? '');
  const searching = Boolean(state.filter.q);
  const submitSearch = (q: string) => {
    setSearch(q);
    setFilter({ ...state.filter, q: q.trim() });
  };

  const departments = useMemo(() => (all.length ? all : me.departments), [all, me.departments]);
  const departmentName = useCallback(
    (slug: string) => departments.find((d) => d.slug === slug)?.name ?? slug,
    [departments],
  );

  // Deep link (#/inbox/<id>, e.g. from a toast): open it, mark it read, bring it into view.
  useEffect(() => {
    if (!openId) return;
    setOpen((prev) => (prev.has(openId) ? prev : new Set(prev).add(openId)));
  }, [openId]);
  const targetKnown = Boolean(openId && state.byId[openId]);
  useEffect(() => {
    if (!openId || !targetKnown) return;
    void markRead(openId);
    const el = document.querySelector<HTMLElement>(`[data-testid="inbox-item"][data-id="${openId.replace(/["\\]/g, '\\$&')}"] button`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [openId, targetKnown, markRead]);

  // "Load more" may disappear once the last page is in: focus goes to the first item it
  // brought, or to the note that the list ends there, never to <body>.
  const listRef = useRef<HTMLUListElement>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const focusNewItem = useFocusNewItem(() => listRef.current?.querySelectorAll<HTMLElement>(':scope > li .inbox-item-title button'), endRef);
  const [loadedMore, setLoadedMore] = useState(false);
  const more = async () => {
    const before = items.length;
    await loadMore();
    setLoadedMore(true);
    focusNewItem(before);
  };

  const toggle = (id: string) => {
    const opening = !open.has(id);
    setOpen((prev) => {
      const next = new Set(prev);
      if (opening) next.add(id);
      else next.delete(id);
      return next;
    });
    if (opening) void markRead(id);
  };

  return (
    <div className="inbox">
      <div className="page-head">
        <h1>{t('inbox.title')}</h1>
        <p className="muted">{t('header.unread', { count: state.unreadCount })}</p>
        {state.unreadCount > 0 && (
          <button type="button" className="button-quiet" data-testid="mark-all-read" onClick={() => void markAllRead()}>
            {t('life.inbox.markAllRead')}
          </button>
        )}
      </div>
      <form
        className="inbox-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submitSearch(search);
        }}
      >
        <label htmlFor="inbox-search" className="visually-hidden">
          {t('life.inbox.searchLabel')}
        </label>
        <input
          id="inbox-search"
          type="search"
          data-testid="inbox-search"
          value={search}
          maxLength={200}
          placeholder={t('life.inbox.searchLabel')}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value && searching) submitSearch(''); // the field's own clear button
          }}
        />
        <button type="submit">{t('life.inbox.search')}</button>
        {searching && (
          <button type="button" className="button-quiet" onClick={() => submitSearch('')}>
            {t('life.inbox.searchClear')}
          </button>
        )}
      </form>
      <InboxFilters filter={state.filter} departments={departments} onChange={setFilter} />
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error.status === 0 ? t('common.network') : error.message || t('common.error')}</p>
          <button type="button" onClick={() => void refresh()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {!state.loaded && loading && <p role="status">{t('common.loading')}</p>}
      {state.loaded && items.length === 0 && (
        <p className="empty">{searching ? t('life.inbox.noResults', { q: state.filter.q ?? '' }) : t('inbox.empty')}</p>
      )}
      <ul className="inbox-list" aria-label={t('inbox.title')} ref={listRef}>
        {items.map((n) => (
          <InboxItem
            key={n.id}
            notification={n}
            open={open.has(n.id)}
            onToggle={() => toggle(n.id)}
            onAcknowledge={() => acknowledge(n.id)}
            departmentName={departmentName}
          />
        ))}
      </ul>
      {state.loaded && state.hasMore && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void more()}>
          {t('common.loadMore')}
        </button>
      )}
      {state.loaded && !state.hasMore && loadedMore && items.length > 0 && (
        <p className="muted list-end" data-testid="list-end" ref={endRef} tabIndex={-1}>
          {t('reading.listEnd')}
        </p>
      )}
    </div>
  );
}
