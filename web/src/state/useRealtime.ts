// Wires the socket to the inbox store, the toasts and the announcement pages.
import { useEffect, useRef, useState } from 'react';
import { connectRealtime, type ConnectionState } from '../socket';
import type { Notification } from '../types';
import { emitAnnouncementUpdated } from './announcementEvents';
import type { InboxStore } from './useInbox';
import { normalizeNotification } from './useInbox';

interface Options {
  inbox: InboxStore;
  onToast: (n: Notification) => void;
  onUnauthorized: () => void;
}

export function useRealtime({ inbox, onToast, onUnauthorized }: Options): ConnectionState {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const latest = useRef({ inbox, onToast, onUnauthorized });
  useEffect(() => {
    latest.current = { inbox, onToast, onUnauthorized };
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
        if (!known && !n.readAt) latest.current.onToast(n);
      },
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
