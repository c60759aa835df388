// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emitAnnouncementUpdated } from '../state/announcementEvents';
import { DEPARTMENTS, mockFetch, renderWithI18n } from '../test-utils';
import { Announcement } from './Announcement';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const detail = {
  id: 'a1',
  title: 'Security training',
  body: 'Do it',
  bodyHtml: '<p>Do it</p>',
  audience: { type: 'departments', departmentIds: ['d1'] },
  channels: ['in_app', 'email'],
  priority: 'high',
  requireAck: true,
  status: 'published',
  scheduledAt: null,
  expiresAt: null,
  publishedAt: '2026-03-01T10:00:00Z',
  author: { id: 'u1', name: 'Casey Comms' },
  departments: [DEPARTMENTS[0]],
};

function stats(read: number, extra: object = {}) {
  return {
    recipients: 4,
    read,
    acknowledged: 1,
    channels: { in_app: { pending: 0, sent: 4, failed: 0 }, email: { pending: 0, sent: 3, failed: 1, skipped: 0 } },
    ...extra,
  };
}

describe('Announcement page', () => {
  it('shows reach, who has not confirmed, and copes without byDepartment/failures', async () => {
    let read = 2;
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/announcements/a1': { status: 200, body: detail },
      'GET /api/announcements/a1/stats': () => ({ status: 200, body: stats(read) }),
      'GET /api/announcements/a1/recipients': {
        status: 200,
        body: { items: [{ userId: 'u9', name: 'Alice', email: 'alice@heraldo.test', departments: ['it'], readAt: null, ackAt: null }] },
      },
      'POST /api/announcements/a1/retry': { status: 200, body: { retried: 1 } },
    });
    renderWithI18n(<Announcement id="a1" />);
    expect((await screen.findByTestId('stat-recipients')).textContent).toBe('4');
    expect(screen.getByTestId('stat-read').textContent).toBe('2');
    expect(screen.getByTestId('stat-acknowledged').textContent).toBe('1');
    expect(screen.getByText('50% of recipients')).toBeTruthy();
    expect(screen.getByText('Alice')).toBeTruthy();
    expect(calls.some((c) => c.path.includes('/recipients?filter=unacknowledged'))).toBe(true);

    // email reports a failure, so retry is offered even without the failures list
    fireEvent.click(screen.getByTestId('retry-button'));
    await screen.findByText('1 delivery queued again.'); // not "1 deliveries"

    read = 3;
    vi.useFakeTimers();
    act(() => {
      emitAnnouncementUpdated('a1');
      emitAnnouncementUpdated('a1');
      emitAnnouncementUpdated('other');
    });
    const before = calls.filter((c) => c.path === '/api/announcements/a1/stats').length;
    act(() => void vi.advanceTimersByTime(499));
    expect(calls.filter((c) => c.path === '/api/announcements/a1/stats').length).toBe(before);
    act(() => void vi.advanceTimersByTime(10));
    vi.useRealTimers();
    await waitFor(() => expect(screen.getByTestId('stat-read').textContent).toBe('3'));
    expect(calls.filter((c) => c.path === '/api/announcements/a1/stats').length).toBe(before + 1);
  });

  it('lists failed deliveries and departments when the server provides them', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/announcements/a1': { status: 200, body: detail },
      'GET /api/announcements/a1/stats': {
        status: 200,
        body: stats(2, {
          byDepartment: [{ slug: 'it', name: 'IT', recipients: 4, read: 2, acknowledged: 1 }],
          failures: [
            { id: 'f1', channel: 'email', target: 'alice@heraldo.test', department: null, error: '550 mailbox full', attempts: 3 },
            { id: 'f2', channel: 'slack', target: 'C_IT', department: { slug: 'it', name: 'IT' }, error: 'channel_not_found', attempts: 1 },
          ],
        }),
      },
      'GET /api/announcements/a1/recipients': { status: 404 },
    });
    renderWithI18n(<Announcement id="a1" />);
    // A sentence first; the provider's words behind a disclosure.
    expect((await screen.findAllByTestId('failure-reason'))[0]!.firstChild!.textContent).toBe('The recipient’s mailbox is full.');
    // A Slack post is named by its department, its channel id kept beside it.
    expect(screen.getAllByTestId('failure-row')[1]!.textContent).toContain('IT’s channel (C_IT)');
    expect(screen.getByText('550 mailbox full').closest('details')!.querySelector('summary')!.textContent).toBe('Provider’s reason');
    expect(screen.getByTestId('stats-departments').textContent).toContain('IT');
    expect(screen.getByTestId('retry-button')).toBeTruthy();
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.html).join(' | ')}`)).toEqual([]);
  });

  it('cancels a scheduled announcement after an inline confirmation', async () => {
    let status = 'scheduled';
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/announcements/a1': () => ({ status: 200, body: { ...detail, status, publishedAt: null, scheduledAt: '2030-01-01T09:00:00Z' } }),
      'GET /api/announcements/a1/stats': { status: 200, body: { recipients: 0, read: 0, acknowledged: 0, channels: {} } },
      'GET /api/announcements/a1/recipients': { status: 200, body: { items: [] } },
      'POST /api/announcements/a1/cancel': () => ((status = 'cancelled'), { status: 200, body: { id: 'a1', status } }),
    });
    renderWithI18n(<Announcement id="a1" />);
    expect((await screen.findByTestId('announcement-status')).textContent).toBe('Scheduled');
    expect(screen.getByText(/Scheduled for/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('cancel-button'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('cancel-confirm'));
    await waitFor(() => expect(screen.getByTestId('announcement-status').textContent).toBe('Cancelled'));
    expect(screen.queryByTestId('cancel-button')).toBeNull();
  });

  it('shows why deliveries were skipped, with the recorded reason', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/announcements/a1': { status: 200, body: { ...detail, channels: ['in_app', 'email', 'slack'] } },
      'GET /api/announcements/a1/stats': {
        status: 200,
        body: stats(0, {
          skippedReasons: [
            { channel: 'email', reason: 'email is off: SMTP_URL is not set', count: 3 },
            { channel: 'email', reason: 'preference', count: 1 },
            { channel: 'slack', reason: 'department it has no Slack channel', count: 1 },
          ],
        }),
      },
      'GET /api/announcements/a1/recipients': { status: 200, body: { items: [] } },
    });
    renderWithI18n(<Announcement id="a1" />);
    const table = await screen.findByTestId('skipped-reasons');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Email', 'email is off: SMTP_URL is not set', '3'],
      ['Email', "The person's email preference", '1'],
      ['Slack', 'department it has no Slack channel', '1'],
    ]);
  });
});
