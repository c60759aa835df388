// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithI18n } from '../../test-utils';
import type { AnnouncementDetail } from '../../types';
import { AnnouncementLife, isoToLocalInput } from './AnnouncementLife';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const a: AnnouncementDetail = {
  id: 'a1', title: 'Old title', body: 'Old body', bodyHtml: '<p>Old body</p>', audience: { type: 'all' }, channels: ['in_app'],
  priority: 'normal', requireAck: true, status: 'published', scheduledAt: null, expiresAt: null, publishedAt: '2026-01-01T09:00:00Z',
  author: { type: 'user', id: 'u1', name: 'Casey' }, departments: [], editedAt: null, reminderRounds: 0,
  retractedAt: null, remindAfterHours: null, remindDueAt: null, lastRemindedAt: null, recipientCount: 0,
};

describe('AnnouncementLife', () => {
  it('edits only what changed', async () => {
    const { calls } = mockFetch({ 'PATCH /api/announcements/a1': { status: 200, body: {} } });
    const onDone = vi.fn();
    renderWithI18n(<AnnouncementLife a={a} onDone={onDone} />);
    fireEvent.click(screen.getByTestId('edit-button'));
    fireEvent.change(screen.getByTestId('edit-title'), { target: { value: 'New title' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    await screen.findByTestId('edit-saved');
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ title: 'New title' });
    expect(onDone).toHaveBeenCalled();
  });

  it('ties a refused priority to its field', async () => {
    mockFetch({
      'PATCH /api/announcements/a1': { status: 400, body: { error: { code: 'validation_failed', message: 'Invalid', fields: { priority: 'Pick a priority' } } } },
    });
    renderWithI18n(<AnnouncementLife a={a} onDone={() => {}} />);
    fireEvent.click(screen.getByTestId('edit-button'));
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'urgent' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    const select = screen.getByLabelText('Priority');
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(select.getAttribute('aria-describedby')!);
    expect(error?.textContent).toContain('Pick a priority');
  });

  it('retracts only after the confirmation step', async () => {
    const { calls } = mockFetch({ 'POST /api/announcements/a1/retract': { status: 200, body: { id: 'a1', status: 'retracted' } } });
    renderWithI18n(<AnnouncementLife a={a} onDone={() => {}} />);
    fireEvent.click(screen.getByTestId('retract-button'));
    expect(calls).toHaveLength(0);
    expect(screen.getByText(/leaves every inbox/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('retract-confirm'));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/announcements/a1/retract')).toBe(true));
  });

  it('reminds now, and says so when it is too soon', async () => {
    let n = 0;
    mockFetch({
      'POST /api/announcements/a1/remind': () =>
        n++ === 0 ? { status: 202, body: { reminded: 7 } } : { status: 429, body: { error: { code: 'remind_too_soon', message: 'soon' } } },
    });
    renderWithI18n(<AnnouncementLife a={a} onDone={() => {}} />);
    fireEvent.click(screen.getByTestId('remind-button'));
    expect((await screen.findByTestId('remind-result')).textContent).toBe('Reminder sent to 7 people.');
    fireEvent.click(screen.getByTestId('remind-button'));
    await waitFor(() => expect(screen.getByTestId('remind-result').textContent).toContain('less than an hour ago'));
  });

  it('offers the recipients download, and no edit once retracted', () => {
    renderWithI18n(<AnnouncementLife a={{ ...a, status: 'retracted', retractedAt: '2026-01-02T09:00:00Z' }} onDone={() => {}} />);
    expect(screen.getByTestId('recipients-csv').getAttribute('href')).toBe('/api/announcements/a1/recipients.csv');
    expect(screen.getByTestId('retracted-notice')).toBeTruthy();
    expect(screen.queryByTestId('edit-button')).toBeNull();
    expect(screen.queryByTestId('retract-button')).toBeNull();
  });

  it('writes datetime-local values in the given zone', () => {
    expect(isoToLocalInput('2026-07-01T08:05:00Z', 'Europe/Madrid')).toBe('2026-07-01T10:05');
    expect(isoToLocalInput(null)).toBe('');
  });
});
