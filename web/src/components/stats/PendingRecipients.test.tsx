// @vitest-environment jsdom
// Who has not read or confirmed yet: past the first page, and what "Read" says.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18nContext';
import { mockFetch, renderWithI18n } from '../../test-utils';
import type { Recipient } from '../../types';
import { PendingRecipients, RECIPIENTS_PAGE } from './PendingRecipients';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const person = (i: number, readAt: string | null = null): Recipient => ({
  userId: `u${i}`,
  name: `Person ${i}`,
  email: `p${i}@heraldo.test`,
  departments: ['it'],
  readAt,
  ackAt: null,
});

describe('PendingRecipients', () => {
  it('loads the pages after the first with the cursor, and says when each one read it', async () => {
    const { calls } = mockFetch({
      'GET /api/announcements/a1/recipients': { status: 200, body: { items: [person(3)], nextCursor: null } },
    });
    const view = (page: { items: Recipient[]; nextCursor: string | null }) => (
      <I18nProvider userLocale="en" timeZone="Europe/Madrid">
        <PendingRecipients announcementId="a1" page={page} requireAck total={1234} departmentName={(s) => s.toUpperCase()} />
      </I18nProvider>
    );
    const { rerender } = render(view({ items: [person(1, '2026-03-01T10:00:00Z'), person(2)], nextCursor: '42' }));
    expect(screen.getByRole('heading').textContent).toBe('Not confirmed yet (1,234)');
    const reads = screen.getAllByTestId('recipient-read').map((c) => c.textContent);
    expect(reads[0]).toMatch(/2026/);
    expect(reads[1]).toBe('Not yet');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('pending-recipient')).toHaveLength(3));
    expect(calls.map((c) => c.path)).toEqual([`/api/announcements/a1/recipients?filter=unacknowledged&limit=${RECIPIENTS_PAGE}&cursor=42`]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Person 3'));
    // The live numbers refresh the first page (person 2 confirmed): what was loaded stays.
    rerender(view({ items: [person(1, '2026-03-01T10:00:00Z')], nextCursor: '42' }));
    expect(screen.getAllByTestId('pending-recipient').map((r) => r.dataset.userId)).toEqual(['u1', 'u3']);
  });

  it('has no "Read" column for those who have not read it (it would always be empty)', () => {
    renderWithI18n(<PendingRecipients announcementId="a1" page={{ items: [person(1)], nextCursor: null }} requireAck={false} total={null} departmentName={(s) => s} />);
    const table = screen.getByTestId('pending-recipients');
    expect(within(table).queryByText('Read')).toBeNull();
    expect(screen.queryByTestId('recipient-read')).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('Not read yet (1)');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
