// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMe, mockFetch, renderWithI18n } from '../test-utils';
import type { Preferences as Prefs } from '../types';
import { Preferences } from './Preferences';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const current: Prefs = { email: 'all', quietHours: null, desktop: false };

describe('Preferences', () => {
  it('saves the email choice and quiet hours crossing midnight', async () => {
    const { calls } = mockFetch({ 'PATCH /api/me/preferences': (c) => ({ status: 200, body: c.body }) });
    const onSaved = vi.fn();
    renderWithI18n(<Preferences me={makeMe({ timezone: 'Europe/Madrid' })} preferences={current} onSaved={onSaved} />);
    expect(screen.getByText(/always reach you by email at once/)).toBeTruthy();
    expect(screen.getByText(/Europe\/Madrid/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('prefs-email-digest'));
    fireEvent.click(screen.getByTestId('prefs-quiet'));
    fireEvent.change(screen.getByTestId('prefs-quiet-start'), { target: { value: '22:30' } });
    fireEvent.change(screen.getByTestId('prefs-quiet-end'), { target: { value: '06:45' } });
    fireEvent.click(screen.getByTestId('prefs-save'));
    await screen.findByTestId('prefs-saved');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).toEqual({ email: 'digest', quietHours: { start: '22:30', end: '06:45' }, desktop: false });
    expect(onSaved).toHaveBeenCalledWith(patch.body);
  });

  it('refuses a window that starts where it ends, and shows the server\'s field errors', async () => {
    const { calls } = mockFetch({
      'PATCH /api/me/preferences': { status: 400, body: { error: { code: 'validation_failed', message: 'Some fields are invalid', fields: { email: 'Use all, important, digest or none' } } } },
    });
    renderWithI18n(<Preferences me={makeMe()} preferences={{ ...current, quietHours: { start: '08:00', end: '09:00' } }} onSaved={() => {}} />);
    fireEvent.change(screen.getByTestId('prefs-quiet-end'), { target: { value: '08:00' } });
    fireEvent.click(screen.getByTestId('prefs-save'));
    expect(await screen.findByText('The end must differ from the start.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('prefs-quiet-end'), { target: { value: '09:00' } });
    fireEvent.click(screen.getByTestId('prefs-save'));
    expect(await screen.findByText('Use all, important, digest or none')).toBeTruthy();
  });

  it('asks the browser for permission when desktop notifications are turned on', async () => {
    const requestPermission = vi.fn(async () => 'granted');
    vi.stubGlobal('Notification', Object.assign(function () {}, { permission: 'default', requestPermission }));
    mockFetch({ 'PATCH /api/me/preferences': (c) => ({ status: 200, body: c.body }) });
    renderWithI18n(<Preferences me={makeMe()} preferences={current} onSaved={() => {}} />);
    fireEvent.click(screen.getByTestId('prefs-desktop'));
    await waitFor(() => expect(requestPermission).toHaveBeenCalled());
  });
});
