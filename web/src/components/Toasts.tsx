// The toast stack. All toasts live in one polite live region; urgent ones are role="alert",
// stand out, and stay until dismissed. Others leave after TOAST_MS, paused while hovered or
// focused so nobody loses one mid-read. Keyboard users reach them at once through a skip
// link, the Tab stop after "Skip to content", while any toast shows; dismissing one moves focus to
// the next toast, or back to where it was before the toasts.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18nContext';
import { focusElement, focusPageHeading } from '../lib/focus';
import { TOAST_MS, type Toast } from '../state/useToasts';

interface ToastsProps {
  toasts: Toast[];
  onDismiss: (id: string) => void;
  onOpen: (id: string) => void;
}

function ToastItem({ toast, onDismiss, onOpen }: { toast: Toast; onDismiss: () => void; onOpen: () => void }) {
  const { t } = useI18n();
  const [paused, setPaused] = useState(false);
  const urgent = toast.priority === 'urgent';
  const dismissRef = useRef(onDismiss);

  useEffect(() => {
    dismissRef.current = onDismiss;
  }, [onDismiss]);

  useEffect(() => {
    if (urgent || paused) return;
    const timer = window.setTimeout(() => dismissRef.current(), TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [urgent, paused]);

  return (
    <div
      className={`toast toast-${toast.priority}`}
      data-testid="toast"
      data-id={toast.id}
      data-priority={toast.priority}
      role={urgent ? 'alert' : undefined}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <p className="toast-kicker">{urgent ? t('toast.urgent') : t('toast.new')}</p>
      <p className="toast-title">{toast.title}</p>
      <div className="toast-actions">
        <button type="button" className="button-small" onClick={onOpen}>
          {t('toast.open')}
        </button>
        <button type="button" className="button-small button-quiet" onClick={onDismiss} aria-label={`${t('toast.dismiss')}: ${toast.title}`}>
          {t('toast.dismiss')}
        </button>
      </div>
    </div>
  );
}

const TOASTS_ID = 'toasts';

function firstToastButton(index = 0): HTMLElement | null {
  const items = document.getElementById(TOASTS_ID)?.querySelectorAll<HTMLElement>('[data-testid="toast"]');
  if (!items?.length) return null;
  return items[Math.min(index, items.length - 1)]!.querySelector('button');
}

/** Second Tab stop of the page (after "Skip to content") while toasts show: straight to them. */
export function ToastSkipLink({ count }: { count: number }) {
  const { t } = useI18n();
  if (count === 0) return null;
  return (
    <a
      className="skip-link"
      href={`#${TOASTS_ID}`}
      data-testid="toasts-skip-link"
      onClick={(e) => {
        e.preventDefault(); // the hash is the router's
        focusElement(firstToastButton());
      }}
    >
      {t('reading.toToasts', { count })}
    </a>
  );
}

export function Toasts({ toasts, onDismiss, onOpen }: ToastsProps) {
  const { t } = useI18n();
  /** Where focus was before it entered the toasts, to go back to once none is left. */
  const returnTo = useRef<HTMLElement | null>(null);
  /** Set by a dismissal the person made: the position whose toast should take focus. */
  const [focusAt, setFocusAt] = useState<number | null>(null);

  useEffect(() => {
    if (focusAt === null) return;
    setFocusAt(null);
    if (focusElement(firstToastButton(focusAt))) return;
    if (!focusElement(returnTo.current)) focusPageHeading();
  }, [focusAt, toasts]);

  return (
    <section
      id={TOASTS_ID}
      className="toasts"
      aria-live="polite"
      aria-label={t('toast.region')}
      onFocus={(e) => {
        const from = e.relatedTarget;
        if (from instanceof HTMLElement && !e.currentTarget.contains(from)) returnTo.current = from;
      }}
    >
      {toasts.map((toast, index) => (
        <ToastItem
          key={toast.id}
          toast={toast}
          onDismiss={() => {
            onDismiss(toast.id);
            setFocusAt(index);
          }}
          onOpen={() => onOpen(toast.id)}
        />
      ))}
    </section>
  );
}
