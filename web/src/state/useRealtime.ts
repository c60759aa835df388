// Wires the socket to the inbox store, the toasts and the announcement pages.
import { useEffect, useRef, useState } from 'react';
import { connectRealtime, type ConnectionState } from '../socket';
import type { Notification } from '../types';
import { notifyDesktop } from '../lib/desktop';
import { emitAnnouncementUpdated } from './announcementEvents';
import type { InboxStore } from './useInbox';
import { normalizeNotification } from './useInbox';

interface Options {
  inbox: InboxStore;
  onToast: (n: Notification) => void;
  onUnauthorized: () => void;
  /** The person opted in to desktop notifications (preferences). */
  desktop?: boolean;
  /** Opens a notification (from a desktop notification's click). */
  onOpen?: (id: string) => void;
}

export function useRealtime({ inbox, onToast, onUnauthorized, desktop = false, onOpen }: Options): ConnectionState {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const latest = useRef({ inbox, onToast, onUnauthorized, desktop, onOpen });
  useEffect(() => {
    latest.current = { inbox, onToast, onUnauthorized, desktop, onOpen };
  });

  useEffect(() => {
    const seen = new Set<string>();
    const realtime = connectRealtime({
      getSince: () => latest.current.inbox.stateRef.current.lastId,
      onNotification: (raw) => {
        const n = normalizeNotification(raw);
        const known = seen.has(n.id) || Boolean(latest.current.inbox.stateRef.current.byId[n.id]);
        seen.add(n.id);
        latest.current.inbox.dispatch({ type: 'live', notification: n });
        if (!known && !n.readAt) {
          latest.current.onToast(n);
          notifyDesktop(n, {
            enabled: latest.current.desktop,
            hidden: document.visibilityState === 'hidden',
            onOpen: (id) => latest.current.onOpen?.(id),
          });
        }
      },
      onNotificationUpdated: (update) => latest.current.inbox.dispatch({ type: 'edited', update }),
      onNotificationRemoved: (announcementId) => {
        const { byId } = latest.current.inbox.stateRef.current;
        const known = Object.values(byId).some((n) => n.announcementId === announcementId);
        latest.current.inbox.dispatch({ type: 'removed', announcementId });
        // Not loaded here (an older page): only the server knows whether the count changes.
        if (!known) void latest.current.inbox.refresh();
      },
      onReadAll: ({ readAt, unreadCount }) => latest.current.inbox.dispatch({ type: 'readAll', readAt, unreadCount }),
      onReceipt: (receipt) => latest.current.inbox.dispatch({ type: 'receipt', receipt }),
      onAnnouncementUpdated: emitAnnouncementUpdated,
      onState: setConnection,
      onUnauthorized: () => latest.current.onUnauthorized(),
      onConnected: (reconnect) => {
        const { loaded, lastId } = latest.current.inbox.stateRef.current;
        // Replay covers what we missed; a refresh also catches reads done elsewhere meanwhile,
        // and covers the first connection racing the first page.
        if (reconnect || !loaded || lastId === null) void latest.current.inbox.refresh();
      },
    });
    return () => realtime.close();
  }, []);

  return connection;
}
