// @vitest-environment jsdom
// The composer sends one Idempotency-Key per composed message: the same one on a retry and
// on a double click, a new one once the message is published.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEPARTMENTS, makeMe, mockFetch, renderWithI18n, type MockCall } from '../test-utils';
import { Composer } from './Composer';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function fillValid(title = 'Office closed Friday') {
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: title } });
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'The **office** is closed.' } });
}

const keyOf = (c: MockCall) => c.headers['Idempotency-Key'];
const posts = (calls: MockCall[]) => calls.filter((c) => c.method === 'POST' && c.path === '/api/announcements');
const AUDIENCE = { 'POST /api/announcements/audience': { status: 200, body: { recipients: 12 } } };

/** The publish button, then "Yes" in the confirmation dialog. */
async function publishAndConfirm() {
  fireEvent.click(screen.getByTestId('publish-button'));
  fireEvent.click(await screen.findByTestId('confirm-publish-yes'));
}

describe('Composer Idempotency-Key', () => {
  it('keeps the key across a retry after a lost answer, and takes a new one after success', async () => {
    let attempt = 0;
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      ...AUDIENCE,
      'POST /api/announcements': () => {
        attempt++;
        if (attempt === 1) throw new TypeError('Failed to fetch'); // the answer never arrived
        return { status: 201, body: { id: 'a77', status: 'published' } };
      },
    });
    const first = renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    await publishAndConfirm();
    await waitFor(() => expect(screen.getByTestId('error-summary').textContent).toContain('Could not reach the server'));
    await publishAndConfirm();
    await waitFor(() => expect(window.location.hash).toBe('#/announcements/a77'));
    const [a, b] = posts(calls);
    expect(keyOf(a!)).toMatch(/^[0-9a-f]{32}$/);
    expect(keyOf(b!)).toBe(keyOf(a!));

    first.unmount();
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid('Another message');
    await publishAndConfirm();
    await waitFor(() => expect(posts(calls)).toHaveLength(3));
    expect(keyOf(posts(calls)[2]!)).not.toBe(keyOf(a!));
  });

  it('sends one request on a double click, and waits out a 409 in use with the same key', async () => {
    let n = 0;
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      ...AUDIENCE,
      'POST /api/announcements': () =>
        ++n === 1
          ? { status: 409, body: { error: { code: 'idempotency_key_in_use', message: 'still running' } } }
          : { status: 201, body: { id: 'a9', status: 'published' } }, // the replay
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.click(screen.getByTestId('publish-button'));
    const yes = await screen.findByTestId('confirm-publish-yes');
    fireEvent.click(yes);
    fireEvent.click(yes); // disabled by then
    await waitFor(() => expect(window.location.hash).toBe('#/announcements/a9'), { timeout: 3000 });
    expect(posts(calls)).toHaveLength(2);
    expect(new Set(posts(calls).map(keyOf)).size).toBe(1);
  });

  it('says so when an earlier try was published before the message changed (422)', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      ...AUDIENCE,
      'POST /api/announcements': { status: 422, body: { error: { code: 'idempotency_key_reused', message: 'reused' } } },
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    await publishAndConfirm();
    await waitFor(() => expect(screen.getByTestId('error-summary').textContent).toContain('was published after all'));
  });
});
