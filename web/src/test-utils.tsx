// Helpers for the component tests (not shipped: only *.test.tsx import this).
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from './i18nContext';
import type { Locale, Me, Notification } from './types';

export function renderWithI18n(ui: ReactElement, locale: Locale = 'en', timeZone = 'Europe/Madrid'): RenderResult {
  return render(
    <I18nProvider userLocale={locale} timeZone={timeZone}>
      {ui}
    </I18nProvider>,
  );
}

export interface MockCall {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  credentials?: RequestCredentials;
}

type Handler = (call: MockCall) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/** Stubs global fetch. Routes are "METHOD /path" (query string ignored) → handler or reply. */
export function mockFetch(routes: Record<string, Handler | { status: number; body?: unknown }>) {
  const calls: MockCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const call: MockCall = {
      method,
      path: url.pathname + url.search,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: { ...(init.headers as Record<string, string>) },
      credentials: init.credentials,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    const reply = typeof route === 'function' ? await route(call) : (route ?? { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } });
    const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export function makeNotification(id: string, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    announcementId: `a${id}`,
    title: `Announcement ${id}`,
    bodyHtml: `<p>Body ${id}</p>`,
    // Empty: the inbox shows no snippet line unless a test gives one.
    snippet: '',
    priority: 'normal',
    requireAck: false,
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, Number(id) || 0)).toISOString(),
    editedAt: null,
    readAt: null,
    ackAt: null,
    departments: [],
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u1',
    email: 'comms@heraldo.test',
    name: 'Casey Comms',
    role: 'communicator',
    locale: 'en',
    timezone: 'Europe/Madrid',
    departments: [{ id: 'd4', slug: 'comms', name: 'Communications', isManager: false }],
    ...overrides,
  };
}

export const DEPARTMENTS = [
  { id: 'd1', slug: 'it', name: 'IT' },
  { id: 'd2', slug: 'hr', name: 'Human Resources' },
  { id: 'd3', slug: 'finance', name: 'Accounting & Finance' },
  { id: 'd4', slug: 'comms', name: 'Communications' },
  { id: 'd5', slug: 'sales', name: 'Sales' },
];
