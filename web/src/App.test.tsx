// @vitest-environment jsdom
// The whole signed-in app against a mocked API and a fake socket.io connection.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { DEPARTMENTS, makeMe, makeNotification as n, mockFetch } from './test-utils';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const state = {
    listeners: {} as Record<string, Listener[]>,
    auth: null as null | ((cb: (d: object) => void) => void),
    connects: 0,
  };
  const socket = {
    active: true,
    on(event: string, fn: Listener) {
      (state.listeners[event] ??= []).push(fn);
      return socket;
    },
    connect() {},
    disconnect() {},
  };
  return {
    state,
    socket,
    emit(event: string, ...args: unknown[]) {
      state.listeners[event]?.forEach((fn) => fn(...args));
    },
    since(): Promise<object> {
      return new Promise((resolve) => state.auth?.((d) => resolve(d)));
    },
  };
});

vi.mock('socket.io-client', () => ({
  io: (opts: { auth: (cb: (d: object) => void) => void }) => {
    fake.state.listeners = {};
    fake.state.auth = opts.auth;
    fake.state.connects++;
    return fake.socket;
  },
}));

beforeEach(() => {
  // axe probes <canvas>, which jsdom lacks; keep the output quiet.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  window.location.hash = '';
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function server(signedIn: boolean) {
  let session = signedIn;
  const me = makeMe({ role: 'employee', name: 'Alice', email: 'alice@heraldo.test', departments: [{ id: 'd1', slug: 'it', name: 'IT', isManager: false }] });
  return mockFetch({
    'GET /api/me': () => (session ? { status: 200, body: me } : { status: 401, body: { error: { code: 'unauthorized', message: 'no' } } }),
    'POST /api/auth/login': (call) => {
      const ok = (call.body as { password: string }).password === 'heraldo-demo';
      session = ok;
      return ok ? { status: 200, body: { token: 't', user: me } } : { status: 401, body: { error: { code: 'invalid', message: 'bad' } } };
    },
    'POST /api/auth/logout': () => ((session = false), { status: 204 }),
    'PATCH /api/me': (call) => ({ status: 200, body: { ...me, ...(call.body as object) } }),
    'GET /api/departments': { status: 200, body: DEPARTMENTS },
    'GET /api/inbox': { status: 200, body: { items: [n('1'), n('2', { readAt: '2026-01-01T00:00:00Z' })], unreadCount: 1 } },
  });
}

describe('App', () => {
  it('signs in, lands on the inbox and signs out', async () => {
    const { calls } = server(false);
    window.location.hash = '#/compose';
    render(<App />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'alice@heraldo.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong email or password.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Email')));
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'heraldo-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findAllByTestId('inbox-item');
    expect(window.location.hash).toBe('#/inbox');
    // Focus starts on the inbox's heading, not on <body> where the form was.
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Inbox' }));
    expect(screen.queryByText('New announcement')).toBeNull(); // employees cannot compose
    expect(calls.some((c) => c.path === '/api/auth/login')).toBe(true);
    expect(Object.keys(localStorage).filter((k) => /token|session/i.test(k))).toEqual([]);
    fireEvent.click(screen.getByTestId('sign-out'));
    await screen.findByRole('button', { name: 'Sign in' });
  });

  it('shows live notifications once, with badge, title and toast, and recovers from a dropped connection', async () => {
    server(true);
    render(<App />);
    await screen.findAllByTestId('inbox-item');
    act(() => fake.emit('connect'));
    expect(screen.getByTestId('connection-status').dataset.state).toBe('connected');
    expect(screen.getByTestId('unread-badge').textContent).toBe('1');
    await waitFor(() => expect(document.title).toBe('(1) Heraldo'));

    act(() => {
      fake.emit('notification', n('3', { title: 'Fire drill at noon', priority: 'urgent' }));
      fake.emit('notification', n('3', { title: 'Fire drill at noon', priority: 'urgent' }));
    });
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(screen.getByTestId('toast').getAttribute('role')).toBe('alert');
    expect(screen.getAllByTestId('inbox-item').map((e) => e.dataset.id)).toEqual(['3', '2', '1']);
    expect(screen.getByTestId('unread-badge').textContent).toBe('2');
    await waitFor(() => expect(document.title).toBe('(2) Heraldo'));

    act(() => fake.emit('disconnect', 'transport close'));
    expect(screen.getByTestId('connection-status').textContent).toContain('Reconnecting');
    expect(await fake.since()).toEqual({ since: '3' });
    act(() => {
      fake.emit('connect');
      fake.emit('notification', n('3'));
      fake.emit('notification', n('4'));
    });
    expect(screen.getByTestId('connection-status').dataset.state).toBe('connected');
    await waitFor(() => expect(screen.getAllByTestId('inbox-item').map((e) => e.dataset.id)).toEqual(['4', '3', '2', '1']));
    expect(screen.getAllByTestId('toast')).toHaveLength(2);

    act(() => fake.emit('receipt', { id: '4', readAt: '2026-05-01T00:00:00Z', ackAt: null, unreadCount: 2 }));
    expect(screen.getByTestId('unread-badge').textContent).toBe('2');

    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.html).join(' | ')}`)).toEqual([]);

    act(() => fake.emit('connect_error', new Error('unauthorized')));
    await screen.findByRole('button', { name: 'Sign in' });
  });

  it('switches language and remembers it for the user', async () => {
    const { calls } = server(true);
    render(<App />);
    await screen.findAllByTestId('inbox-item');
    fireEvent.change(screen.getByTestId('lang-switch'), { target: { value: 'es' } });
    expect(await screen.findByRole('heading', { name: 'Bandeja de entrada' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expect(localStorage.getItem('heraldo.locale')).toBe('es');
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ locale: 'es' }));
  });
});
