// The people who have not confirmed (or, without confirmation, not read) yet, a page at a
// time: the first page comes with the page's numbers, "Load more" asks for the next with the
// server's cursor. Among those who have not confirmed, "Read" says when each one read it;
// among those who have not read, there is nothing to say, so there is no such column.
import { useEffect, useRef, useState } from 'react';
import { api, query } from '../../api';
import { useI18n } from '../../i18nContext';
import { useFocusNewItem } from '../../lib/focus';
import { formatCount } from '../../lib/plural';
import type { Recipient, RecipientPage } from '../../types';

interface Props {
  announcementId: string;
  /** The first page, or null while it is not in (or the server has no such list). */
  page: RecipientPage | null;
  requireAck: boolean;
  /** How many there are in all, from the stats (null: unknown). */
  total: number | null;
  departmentName: (slug: string) => string;
}

export const RECIPIENTS_PAGE = 200;

export function PendingRecipients({ announcementId, page, requireAck, total, departmentName }: Props) {
  const { t, formatDate, locale } = useI18n();
  const [more, setMore] = useState<{ items: Recipient[]; cursor: string | null | undefined; busy: boolean; failed: boolean }>({
    items: [],
    cursor: undefined,
    busy: false,
    failed: false,
  });
  // Pages loaded with "Load more" stay while the live numbers refresh the first page (people
  // reading it while someone looks down the list must not throw that list away); another
  // announcement or list starts over.
  useEffect(() => setMore({ items: [], cursor: undefined, busy: false, failed: false }), [announcementId, requireAck]);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const focusNewRow = useFocusNewItem(() => bodyRef.current?.querySelectorAll<HTMLElement>('tr > td:first-child'));

  if (!page) return null;
  const seen = new Set(page.items.map((r) => r.userId));
  const recipients = [...page.items, ...more.items.filter((r) => !seen.has(r.userId))];
  const cursor = more.cursor === undefined ? (page.nextCursor ?? null) : more.cursor;
  const title = requireAck ? t('stats.notConfirmed') : t('stats.notRead');
  const count = total ?? recipients.length;

  async function loadMore() {
    if (!cursor) return;
    const shown = recipients.length;
    setMore((m) => ({ ...m, busy: true, failed: false }));
    try {
      const filter = requireAck ? 'unacknowledged' : 'unread';
      const next = await api.get<RecipientPage>(
        `/api/announcements/${encodeURIComponent(announcementId)}/recipients${query({ filter, limit: RECIPIENTS_PAGE, cursor })}`,
      );
      setMore((m) => ({ items: [...m.items, ...next.items], cursor: next.nextCursor ?? null, busy: false, failed: false }));
      focusNewRow(shown);
    } catch {
      setMore((m) => ({ ...m, busy: false, failed: true }));
    }
  }

  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">
        {title} <span className="count">({formatCount(count, locale)})</span>
      </h2>
      {recipients.length === 0 ? (
        <p className="muted">{requireAck ? t('stats.allConfirmed') : t('stats.allRead')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="pending-title">
          <table className="table table-cards" data-testid="pending-recipients">
            <thead>
              <tr>
                <th scope="col">{t('stats.name')}</th>
                <th scope="col">{t('stats.email')}</th>
                <th scope="col">{t('stats.department')}</th>
                {requireAck && <th scope="col">{t('stats.read')}</th>}
              </tr>
            </thead>
            <tbody ref={bodyRef}>
              {recipients.map((r) => (
                <tr key={r.userId} data-testid="pending-recipient" data-user-id={r.userId}>
                  <td>{r.name}</td>
                  <td className="break" data-label={t('stats.email')}>{r.email}</td>
                  <td data-label={t('stats.department')}>{(r.departments ?? []).map(departmentName).join(', ')}</td>
                  {requireAck && (
                    <td data-label={t('stats.read')} data-testid="recipient-read">
                      {r.readAt ? <time dateTime={r.readAt}>{formatDate(r.readAt)}</time> : t('lists.notReadYet')}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="load-more" disabled={more.busy} onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </button>
      )}
      {more.failed && (
        <p className="form-error" role="alert">
          {t('common.error')}
        </p>
      )}
    </section>
  );
}
