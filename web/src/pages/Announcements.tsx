// Announcements this user may follow (own for managers, all for communicators and admins):
// searched by title, filtered by status, a page at a time ("Load more"). On a phone each row
// becomes a card, so the page never scrolls sideways.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { When } from '../components/When';
import { useI18n } from '../i18nContext';
import type { MessageKey } from '../i18n';
import { useFocusNewItem } from '../lib/focus';
import { formatCount } from '../lib/plural';
import { href } from '../lib/router';
import { useAnnouncementUpdates } from '../state/announcementEvents';
import { useFetch } from '../state/useFetch';
import type { AnnouncementSummary } from '../types';

export const ANNOUNCEMENTS_PAGE = 50;
const STATUSES = ['published', 'scheduled', 'cancelled', 'retracted'] as const;

export function statusKey(status: string): MessageKey | null {
  const known = ['published', 'scheduled', 'cancelled', 'draft', 'expired', 'retracted'];
  return known.includes(status) ? (`status.${status}` as MessageKey) : null;
}

interface Filter {
  q: string;
  status: string;
}

function fetchPage(filter: Filter, before?: string) {
  return api.get<AnnouncementSummary[]>(`/api/announcements${query({ q: filter.q, status: filter.status, limit: ANNOUNCEMENTS_PAGE, before })}`);
}

/** The recipients cell: a scheduled or cancelled one has no recipients yet (the audience is
 *  resolved when it goes out), so it shows today's count for it, or says why there is none,
 *  instead of 0. */
function Recipients({ a }: { a: AnnouncementSummary }) {
  const { t, locale } = useI18n();
  if (a.status === 'scheduled' && typeof a.expectedRecipients === 'number') {
    return (
      <>
        ≈ {formatCount(a.expectedRecipients, locale)}{' '}
        <span className="muted small" data-testid="recipients-reason">
          {t('lists.expectedToday')}
        </span>
      </>
    );
  }
  if (a.status === 'scheduled' || a.status === 'cancelled') {
    return (
      <>
        <span aria-hidden="true">—</span>{' '}
        <span className="muted small" data-testid="recipients-reason">
          {t(a.status === 'scheduled' ? 'lists.countedWhenSent' : 'lists.notSent')}
        </span>
      </>
    );
  }
  return <>{formatCount(a.recipientCount ?? 0, locale)}</>;
}

export function Announcements() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>({ q: '', status: '' });
  const [search, setSearch] = useState('');
  const first = useFetch(() => fetchPage(filter), [filter]);
  const { reload } = first;
  useAnnouncementUpdates(null, () => void reload(), 1000);
  /** Pages after the first, appended by "Load more"; a new filter starts over. */
  const [more, setMore] = useState<{ items: AnnouncementSummary[]; done: boolean; busy: boolean }>({ items: [], done: false, busy: false });
  useEffect(() => setMore({ items: [], done: false, busy: false }), [filter]);

  const firstItems = Array.isArray(first.data) ? first.data : [];
  const seen = new Set(firstItems.map((a) => a.id));
  const list = [...firstItems, ...more.items.filter((a) => !seen.has(a.id))];
  const hasMore = !more.done && (more.items.length > 0 || firstItems.length >= ANNOUNCEMENTS_PAGE);

  const listRef = useRef<HTMLTableSectionElement>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const focusNewRow = useFocusNewItem(() => listRef.current?.querySelectorAll<HTMLElement>('tr a'), endRef);

  const loadMore = useCallback(async () => {
    const last = list.at(-1);
    if (!last) return;
    const count = list.length;
    setMore((m) => ({ ...m, busy: true }));
    try {
      const page = await fetchPage(filter, last.id);
      setMore((m) => ({ items: [...m.items, ...page], done: page.length < ANNOUNCEMENTS_PAGE, busy: false }));
      focusNewRow(count);
    } catch {
      setMore((m) => ({ ...m, busy: false }));
    }
  }, [list, filter]);

  return (
    <div className="announcements">
      <h1>{t('ann.listTitle')}</h1>
      <form
        className="list-tools"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter((f) => ({ ...f, q: search.trim() }));
        }}
      >
        <div className="field">
          <label htmlFor="announcements-search">{t('lists.searchLabel')}</label>
          <input id="announcements-search" type="search" maxLength={200} value={search} data-testid="announcements-search" onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">{t('life.inbox.search')}</button>
        <div className="field">
          <label htmlFor="announcements-status">{t('ann.colStatus')}</label>
          <select
            id="announcements-status"
            data-testid="announcements-status"
            value={filter.status}
            onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value }))}
          >
            <option value="">{t('lists.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusKey(s)!)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {first.error && <ErrorNotice error={first.error} onRetry={reload} />}
      {first.loading && !first.data && <p role="status">{t('common.loading')}</p>}
      {first.data && list.length === 0 && <p className="empty">{filter.q || filter.status ? t('lists.noMatch') : t('ann.empty')}</p>}
      {list.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('ann.listTitle')}>
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t('ann.colTitle')}</th>
                <th scope="col">{t('ann.colStatus')}</th>
                <th scope="col">{t('priority.label')}</th>
                <th scope="col">{t('ann.colAuthor')}</th>
                <th scope="col">{t('ann.colDate')}</th>
                <th scope="col" className="num">
                  {t('ann.colRecipients')}
                </th>
              </tr>
            </thead>
            <tbody ref={listRef}>
              {list.map((a) => {
                const key = statusKey(a.status);
                return (
                  <tr key={a.id} data-testid="announcement-row" data-id={a.id}>
                    <th scope="row">
                      <a href={href(`/announcements/${encodeURIComponent(String(a.id))}`)}>{a.title}</a>
                    </th>
                    <td data-label={t('ann.colStatus')}>
                      <span className={`tag tag-status-${a.status}`}>{key ? t(key) : a.status}</span>
                    </td>
                    <td data-label={t('priority.label')}>{t(`priority.${a.priority}`)}</td>
                    <td data-label={t('ann.colAuthor')}>{a.author?.name}</td>
                    <td data-label={t('ann.colDate')}>
                      <When iso={a.publishedAt ?? a.scheduledAt} />
                    </td>
                    <td className="num" data-label={t('ann.colRecipients')} data-testid="recipients-cell">
                      <Recipients a={a} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {hasMore && (
        <button type="button" className="load-more" disabled={more.busy} onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </button>
      )}
      {more.done && (
        <p className="muted list-end" data-testid="list-end" ref={endRef} tabIndex={-1}>
          {t('reading.listEnd')}
        </p>
      )}
    </div>
  );
}
