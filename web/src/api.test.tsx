// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, onUnauthorized, query, readCookie, toApiError } from './api';
import { mockFetch } from './test-utils';

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'heraldo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('api', () => {
  it('reads cookies', () => {
    expect(readCookie('heraldo_csrf', 'a=1; heraldo_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('missing', 'a=1')).toBeNull();
  });

  it('maps an error body, including fields', () => {
    const err = toApiError(400, { error: { code: 'validation', message: 'Bad', fields: { title: 'Required', 'audience.departmentIds': ['Pick one', 'x'] } } }, 'fallback');
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('validation');
    expect(err.fields).toEqual({ title: 'Required', 'audience.departmentIds': 'Pick one x' });
    const bare = toApiError(502, 'oops', 'Bad Gateway');
    expect(bare.code).toBe('http_502');
    expect(bare.message).toBe('Bad Gateway');
  });

  it('sends the CSRF cookie as a header on non-GET requests, with same-origin credentials', async () => {
    document.cookie = 'heraldo_csrf=tok123';
    const { calls } = mockFetch({ 'POST /api/inbox/1/read': { status: 200, body: { ok: true } }, 'GET /api/me': { status: 200, body: {} } });
    await api.post('/api/inbox/1/read');
    await api.get('/api/me');
    expect(calls[0]!.headers['X-CSRF-Token']).toBe('tok123');
    expect(calls[0]!.credentials).toBe('same-origin');
    expect(calls[1]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[1]!.credentials).toBe('same-origin');
  });

  it("asks for error messages in the app's language, not the browser's", async () => {
    document.documentElement.lang = 'es';
    const { calls } = mockFetch({ 'GET /api/me': { status: 200, body: {} } });
    await api.get('/api/me');
    expect(calls[0]!.headers['Accept-Language']).toBe('es');
    document.documentElement.lang = '';
  });

  it('throws ApiError with fields and announces 401s', async () => {
    mockFetch({
      'POST /api/announcements': { status: 400, body: { error: { code: 'invalid', message: 'Invalid', fields: { title: 'Too long' } } } },
      'GET /api/inbox': { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in' } } },
    });
    await expect(api.post('/api/announcements', {})).rejects.toMatchObject({ status: 400, fields: { title: 'Too long' } });
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    await expect(api.get('/api/inbox')).rejects.toMatchObject({ status: 401 });
    await expect(api.get('/api/inbox', { quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledTimes(1);
    off();
  });

  it('reports network failures as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('builds query strings without empty values', () => {
    expect(query({ limit: 20, before: undefined, filter: '', department: 'it' })).toBe('?limit=20&department=it');
    expect(query({})).toBe('');
  });
});
