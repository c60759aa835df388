// @vitest-environment jsdom
// The announcements list: search, status filter, pages, and what a scheduled one shows.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithI18n } from '../test-utils';
import type { AnnouncementSummary } from '../types';
import { ANNOUNCEMENTS_PAGE, Announcements } from './Announcements';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = (i: number, extra: Partial<AnnouncementSummary> = {}): AnnouncementSummary => ({
  id: `id-${i}`,
  title: `Announcement ${i}`,
  priority: 'normal',
  status: 'published',
  publishedAt: '2026-01-01T00:00:00Z',
  scheduledAt: null,
  author: { type: 'user', id: 'u', name: 'Casey' },
  recipientCount: 2008,
  expectedRecipients: null,
  ...extra,
});

describe('Announcements', () => {
  it('searches, filters, loads the next page and focuses its first row, then the end note', async () => {
    const firstPage = Array.from({ length: ANNOUNCEMENTS_PAGE }, (_, i) => row(1000 - i));
    const { calls } = mockFetch({
      'GET /api/announcements': (call) => {
        const params = new URLSearchParams(call.path.split('?')[1]);
        if (params.get('before') === `id-${1001 - ANNOUNCEMENTS_PAGE}`) return { status: 200, body: [row(1)] };
        if (params.get('q') || params.get('status')) return { status: 200, body: [row(8, { status: 'scheduled', recipientCount: 0, expectedRecipients: 1500 }), row(7, { status: 'scheduled', recipientCount: 0 })] };
        return { status: 200, body: firstPage };
      },
    });
    renderWithI18n(<Announcements />);
    await waitFor(() => expect(screen.getAllByTestId('announcement-row')).toHaveLength(ANNOUNCEMENTS_PAGE));
    expect(screen.getAllByTestId('recipients-cell')[0]!.textContent).toBe('2,008');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('announcement-row')).toHaveLength(ANNOUNCEMENTS_PAGE + 1));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Announcement 1'));
    // A short page was the last: no button, and the note says so.
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByTestId('list-end').textContent).toBe('That is everything.');

    fireEvent.change(screen.getByLabelText('Search titles'), { target: { value: ' Canteen ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'scheduled' } });
    await waitFor(() => expect(calls.some((c) => c.path === `/api/announcements?q=Canteen&status=scheduled&limit=${ANNOUNCEMENTS_PAGE}`)).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId('announcement-row')).toHaveLength(2));
    // Not 0: today's count of its audience, or (from an older server) why there is none.
    const [counted, unknown] = screen.getAllByTestId('recipients-cell');
    expect(counted!.textContent).toBe('≈ 1,500 counted today; final when sent');
    expect(within(unknown!).getByTestId('recipients-reason').textContent).toBe('counted when it is sent');
    expect(screen.queryByTestId('list-end')).toBeNull();
  });
});
