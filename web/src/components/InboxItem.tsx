// One notification in the inbox: its title and snippet; opening it shows the body and marks it
// read. Announcements that ask for it get a "Confirm I have read this" button, shown only once
// the item is open (confirming what one has not seen means nothing), "Confirmed" once done.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18nContext';
import { focusElement } from '../lib/focus';
import { sanitizeHtml } from '../lib/sanitize';
import type { Notification } from '../types';
import { When } from './When';

interface Props {
  notification: Notification;
  open: boolean;
  onToggle: () => void;
  onAcknowledge: () => Promise<void>;
  departmentName: (slug: string) => string;
}

export function InboxItem({ notification: n, open, onToggle, onAcknowledge, departmentName }: Props) {
  const { t, formatDate } = useI18n();
  const [acking, setAcking] = useState(false);
  /** Set when this person confirmed here: the button goes away, focus moves to "Confirmed". */
  const [ackedHere, setAckedHere] = useState(false);
  const confirmedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (ackedHere && n.ackAt) focusElement(confirmedRef.current);
  }, [ackedHere, n.ackAt]);
  const bodyId = `inbox-body-${n.id}`;
  const html = useMemo(
    () => (open ? sanitizeHtml(n.bodyHtml ?? '', { code: t('reading.codeBox'), table: t('reading.tableBox') }) : ''),
    [open, n.bodyHtml, t],
  );
  const unread = !n.readAt;
  const audience = n.departments.length
    ? n.departments.map(departmentName).join(', ')
    : t('inbox.companyWide');

  async function acknowledge() {
    setAcking(true);
    try {
      await onAcknowledge();
      setAckedHere(true);
    } finally {
      setAcking(false);
    }
  }

  return (
    <li
      className={`inbox-item priority-${n.priority}${unread ? ' is-unread' : ''}${open ? ' is-open' : ''}`}
      data-testid="inbox-item"
      data-id={n.id}
      data-read={unread ? 'false' : 'true'}
      data-acked={n.ackAt ? 'true' : 'false'}
      data-priority={n.priority}
    >
      <h2 className="inbox-item-title">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          {unread && <span className="unread-dot" aria-hidden="true" />}
          <span>{n.title}</span>
          {unread && <span className="visually-hidden"> ({t('inbox.unreadMark')})</span>}
        </button>
      </h2>
      <p className="inbox-meta">
        {n.priority !== 'normal' && (
          <span className={`tag tag-${n.priority}`}>{t(`priority.${n.priority}`)}</span>
        )}
        <When iso={n.publishedAt} />
        {n.editedAt && (
          <span className="edited" data-testid="edited">
            {t('life.inbox.edited', { date: formatDate(n.editedAt) })}
          </span>
        )}
        <span>{audience}</span>
        {n.requireAck && !n.ackAt && <span className="tag tag-ack">{t('inbox.needsAck')}</span>}
      </p>
      {!open && n.snippet && (
        <p className="inbox-snippet" data-testid="inbox-snippet">
          {n.snippet}
        </p>
      )}
      <div id={bodyId} className="inbox-body prose" hidden={!open}>
        {open && <div dangerouslySetInnerHTML={{ __html: html }} />}
      </div>
      {n.requireAck &&
        (n.ackAt ? (
          <p className="confirmed" data-testid="ack-confirmed" ref={confirmedRef}>
            <span aria-hidden="true">✓ </span>
            {t('inbox.acked')} <time dateTime={n.ackAt}>{formatDate(n.ackAt)}</time>
          </p>
        ) : open ? (
          <button type="button" className="button-primary" data-testid="ack-button" disabled={acking} onClick={acknowledge}>
            {t('inbox.ack')}
          </button>
        ) : (
          <p className="muted inbox-ack-hint">{t('reading.openToAck')}</p>
        ))}
    </li>
  );
}
