// Toasts for new notifications. Urgent ones stay until dismissed; the others go away on
// their own (see Toasts.tsx). At most MAX_TOASTS are kept, dropping the oldest non-urgent.
import { useCallback, useMemo, useState } from 'react';
import type { Notification, Priority } from '../types';

export const MAX_TOASTS = 5;
export const TOAST_MS = 6000;

export interface Toast {
  id: string; // the notification id (one toast per notification)
  title: string;
  priority: Priority;
}

export function addToast(toasts: Toast[], toast: Toast): Toast[] {
  if (toasts.some((t) => t.id === toast.id)) return toasts;
  const next = [...toasts, toast];
  while (next.length > MAX_TOASTS) {
    const dropAt = next.findIndex((t) => t.priority !== 'urgent');
    next.splice(dropAt >= 0 ? dropAt : 0, 1);
  }
  return next;
}

export interface ToastStore {
  toasts: Toast[];
  push: (n: Notification) => void;
  dismiss: (id: string) => void;
  clear: () => void;
}

export function useToasts(): ToastStore {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((n: Notification) => {
    setToasts((current) => addToast(current, { id: n.id, title: n.title, priority: n.priority }));
  }, []);
  const dismiss = useCallback((id: string) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const clear = useCallback(() => setToasts([]), []);
  return useMemo(() => ({ toasts, push, dismiss, clear }), [toasts, push, dismiss, clear]);
}
