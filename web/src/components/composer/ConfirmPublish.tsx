// The last question before an announcement goes out: how many people, on which channels. A
// real modal: focus moves into it (on "Cancel", the safe answer), Tab stays inside, Escape or
// "Cancel" closes it and puts focus back on the button that opened it.
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useI18n } from '../../i18nContext';
import { formatCount, pluralKey } from '../../lib/plural';
import type { Channel } from '../../types';

interface Props {
  recipients: number;
  channels: Channel[];
  /** ISO instant when scheduled, else null (sent now). */
  scheduledAt: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus returns on cancel. */
  opener: RefObject<HTMLElement | null>;
}

export function ConfirmPublish({ recipients, channels, scheduledAt, busy, onConfirm, onCancel, opener }: Props) {
  const { t, locale, formatDate } = useI18n();
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // Before the browser paints the dialog (and before anything awaiting it runs): focus is never
  // left behind on the page underneath.
  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);

  const cancel = () => {
    onCancel();
    // After React removes the dialog; the opener stays mounted.
    queueMicrotask(() => opener.current?.focus());
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (!busy) cancel();
    } else if (e.key === 'Tab') {
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  // British-style lists in English ("in-app, email and Slack"), as the product writes them.
  const list = new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { style: 'long', type: 'conjunction' }).format(channels.map((c) => t(`publishing.channel.${c}`)));
  const vars = { count: formatCount(recipients, locale), channels: list, date: scheduledAt ? formatDate(scheduledAt) : '' };
  const question = scheduledAt
    ? t(pluralKey('publishing.confirm.schedule', recipients, locale), vars)
    : t(pluralKey('publishing.confirm.send', recipients, locale), vars);

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="confirm-publish-title"
        aria-describedby="confirm-publish-question"
        data-testid="confirm-publish"
        onKeyDown={onKeyDown}
      >
        <h2 id="confirm-publish-title">{t('publishing.confirm.title')}</h2>
        <p id="confirm-publish-question" data-testid="confirm-publish-question">
          {question}
        </p>
        <div className="button-row">
          <button type="button" className="button-primary" data-testid="confirm-publish-yes" disabled={busy} onClick={onConfirm}>
            {busy ? t('composer.publishing') : scheduledAt ? t('publishing.confirm.yesSchedule') : t('publishing.confirm.yes')}
          </button>
          <button ref={cancelRef} type="button" className="button-quiet" data-testid="confirm-publish-no" disabled={busy} onClick={cancel}>
            {t('publishing.confirm.no')}
          </button>
        </div>
      </div>
    </div>
  );
}
