// @vitest-environment jsdom
// What the socket cannot replay (edits, retractions, reads made elsewhere while it was away) the
// inbox reloads after every reconnection; README's known limits rely on it.
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeHandlers } from '../socket';
import { initialInboxState, type InboxState } from './inbox';
import type { InboxStore } from './useInbox';
import { useRealtime } from './useRealtime';

const socket = vi.hoisted(() => ({ handlers: null as RealtimeHandlers | null, close: vi.fn() }));
vi.mock('../socket', () => ({
  connectRealtime: (handlers: RealtimeHandlers) => {
    socket.handlers = handlers;
    return { close: socket.close };
  },
}));

function inboxStore(state: Partial<InboxState>): InboxStore {
  const current = { ...initialInboxState, ...state };
  return { state: current, stateRef: { current }, dispatch: vi.fn(), refresh: vi.fn(async () => {}) } as unknown as InboxStore;
}

afterEach(() => {
  socket.handlers = null;
});

describe('useRealtime', () => {
  it('reloads the inbox on every reconnection, not on a first connection to a loaded inbox', () => {
    const inbox = inboxStore({ loaded: true, lastId: '41' });
    renderHook(() => useRealtime({ inbox, onToast: vi.fn(), onUnauthorized: vi.fn() }));
    socket.handlers!.onConnected!(false);
    expect(inbox.refresh).not.toHaveBeenCalled();
    socket.handlers!.onConnected!(true);
    expect(inbox.refresh).toHaveBeenCalledTimes(1);
    socket.handlers!.onConnected!(true);
    expect(inbox.refresh).toHaveBeenCalledTimes(2);
  });

  it('loads the inbox on a first connection that may have raced its first page', () => {
    const inbox = inboxStore({ loaded: false, lastId: null });
    renderHook(() => useRealtime({ inbox, onToast: vi.fn(), onUnauthorized: vi.fn() }));
    socket.handlers!.onConnected!(false);
    expect(inbox.refresh).toHaveBeenCalledTimes(1);
  });

  it('closes the socket when the page lets go of it', () => {
    const { unmount } = renderHook(() => useRealtime({ inbox: inboxStore({}), onToast: vi.fn(), onUnauthorized: vi.fn() }));
    unmount();
    expect(socket.close).toHaveBeenCalled();
  });
});
