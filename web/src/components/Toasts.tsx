// The toast stack. All toasts live in one polite live region; urgent ones are role="alert",
// stand out, and stay until dismissed. Others leave after TOAST_MS, paused while hovered or
// focused so nobody loses one mid-read.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18nContext';
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

export function Toasts({ toasts, onDismiss, onOpen }: ToastsProps) {
  const { t } = useI18n();
  return (
    <section className="toasts" aria-live="polite" aria-label={t('toast.region')}>
      {toasts.map((toast) => (
        <ToastItem
          key={toast.id}
          toast={toast}
          onDismiss={() => onDismiss(toast.id)}
          onOpen={() => onOpen(toast.id)}
        />
      ))}
    </section>
  );
}
