// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEPARTMENTS, mockFetch, renderWithI18n } from '../test-utils';
import type { ApiKey } from '../types';
import { ApiKeys } from './ApiKeys';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const existing: ApiKey[] = [
  { id: 'k1', name: 'Monitoring', keyPrefix: 'hk_AbCdEfG', scopes: ['announcements:write'], departmentIds: ['d1'], createdAt: '2026-11-01T10:00:00Z', lastUsedAt: '2026-11-29T08:30:00Z', revokedAt: null, createdBy: { id: 'u1', name: 'Ada Admin' } },
  { id: 'k2', name: 'Old HR', keyPrefix: 'hk_ZyXwVuT', scopes: ['scim'], departmentIds: [], createdAt: '2026-10-01T10:00:00Z', lastUsedAt: null, revokedAt: '2026-11-02T10:00:00Z', createdBy: null },
];

describe('API keys page', () => {
  it('lists keys with their last use, departments and status', async () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS }, 'GET /api/admin/api-keys': { status: 200, body: existing } });
    renderWithI18n(<ApiKeys />);
    const rows = await screen.findAllByTestId('api-key-row');
    expect(rows).toHaveLength(2);
    await waitFor(() => expect(rows[0]!.textContent).toContain('IT'));
    expect(rows[0]!.textContent).toContain('hk_AbCdEfG…');
    expect(rows[0]!.textContent).toContain('29');
    expect(rows[1]!.textContent).toContain('Never');
    expect(rows[1]!.textContent).toContain('Revoked');
    expect(within(rows[1]!).queryByTestId('api-key-revoke')).toBeNull();
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('creates a key and shows it once, with a copy button', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/admin/api-keys': { status: 200, body: existing },
      'POST /api/admin/api-keys': { status: 201, body: { ...existing[0], id: 'k3', name: 'Payroll', key: 'hk_secretSecretSecret' } },
    });
    renderWithI18n(<ApiKeys />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Payroll' } });
    fireEvent.click(await screen.findByLabelText('Accounting & Finance'));
    fireEvent.click(screen.getByTestId('api-key-submit'));
    const secret = (await screen.findByTestId('api-key-secret')) as HTMLInputElement;
    expect(secret.value).toBe('hk_secretSecretSecret');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'Payroll', scopes: ['announcements:write'], departmentIds: ['d3'] });
    fireEvent.click(screen.getByTestId('api-key-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('hk_secretSecretSecret'));
    expect(await screen.findByText('Copied')).toBeTruthy();
    fireEvent.click(screen.getByText('Done'));
    expect(screen.queryByTestId('api-key-secret')).toBeNull();
    expect(document.body.textContent).not.toContain('hk_secretSecretSecret');
  });

  it('shows the API field errors next to the fields', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/admin/api-keys': { status: 200, body: [] },
      'POST /api/admin/api-keys': { status: 400, body: { error: { code: 'validation_failed', message: 'Some fields are invalid', fields: { name: 'Give the key a name', 'scopes.0': 'Bad scope' } } } },
    });
    renderWithI18n(<ApiKeys />);
    fireEvent.click(screen.getByTestId('api-key-submit'));
    expect((await screen.findByTestId('error-api-key-name-error')).textContent).toContain('Give the key a name');
    expect(screen.getByTestId('error-api-key-scopes-error').textContent).toContain('Bad scope');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
  });

  it('revokes only after a confirmation', async () => {
    let list = existing;
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/admin/api-keys': () => ({ status: 200, body: list }),
      'DELETE /api/admin/api-keys/k1': () => {
        list = [{ ...existing[0]!, revokedAt: '2026-11-30T00:00:00Z' }, existing[1]!];
        return { status: 200, body: list[0] };
      },
    });
    renderWithI18n(<ApiKeys />);
    fireEvent.click(await screen.findByTestId('api-key-revoke'));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    expect(screen.getByText(/Revoke “Monitoring”\?/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('api-key-revoke-yes'));
    await waitFor(() => expect(screen.getByText('Key “Monitoring” revoked.')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByTestId('api-key-revoke')).toBeNull());
  });
});
