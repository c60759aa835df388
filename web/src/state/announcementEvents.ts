// `announcement:updated` events from the socket, fanned out to whichever page listens.
import { useEffect, useRef } from 'react';

type Listener = (id: string) => void;
const listeners = new Set<Listener>();

export function emitAnnouncementUpdated(id: string): void {
  listeners.forEach((l) => l(id));
}

export function subscribeAnnouncementUpdates(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Calls `onUpdate` at most once per `delayMs` burst of updates about announcement `id`. */
export function useAnnouncementUpdates(id: string | null, onUpdate: () => void, delayMs = 500): void {
  const callback = useRef(onUpdate);
  useEffect(() => {
    callback.current = onUpdate;
  }, [onUpdate]);

  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = subscribeAnnouncementUpdates((updatedId) => {
      if (id !== null && updatedId !== id) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(), delayMs);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [id, delayMs]);
}
