// @vitest-environment jsdom
// Drafts: the composer saves to the server a moment after the last change, lists the person's
// drafts to resume, and deletes the draft once it is published.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEPARTMENTS, makeMe, mockFetch, renderWithI18n, type MockCall } from '../test-utils';
import { Composer } from './Composer';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

const puts = (calls: MockCall[]) => calls.filter((c) => c.method === 'PUT');
const saved = { status: 200, body: { id: 'x', title: '', body: '', fields: {}, updatedAt: '2026-11-30T09:00:00Z' } };
const UUID = /^\/api\/drafts\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Composer drafts', () => {
  it('saves once a moment after the last change, not while empty', async () => {
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/drafts': { status: 200, body: { items: [] } },
    });
    // Every PUT path is the same draft: route it by prefix.
    const fetchMock = vi.mocked(globalThis.fetch);
    const original = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (input, init) => {
      const res = await original(input, init);
      return init?.method === 'PUT' ? new Response(JSON.stringify(saved.body), { status: 200 }) : res;
    });
    renderWithI18n(<Composer me={makeMe()} autosaveMs={20} />);
    fireEvent.click(screen.getByLabelText('Email')); // a change, but nothing written yet
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Of' } });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Office' } });
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Closed' } });
    await waitFor(() => expect(screen.getByTestId('draft-status').textContent).toMatch(/^Draft saved/));
    expect(puts(calls)).toHaveLength(1);
    expect(puts(calls)[0]!.path).toMatch(UUID);
    expect(puts(calls)[0]!.body).toMatchObject({ title: 'Office', body: 'Closed', fields: { channels: ['in_app', 'email'], audienceType: 'all' } });

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Office closed' } });
    await waitFor(() => expect(puts(calls)).toHaveLength(2));
    expect(puts(calls)[1]!.path).toBe(puts(calls)[0]!.path); // the same draft
  });

  it('lists my drafts and resumes one (then saves to it)', async () => {
    const draft = {
      id: '11111111-1111-4111-8111-111111111111',
      title: 'Budget freeze',
      body: 'Until **January**.',
      fields: { audienceType: 'departments', departmentIds: ['d3'], channels: ['in_app', 'slack'], priority: 'high' },
      updatedAt: '2026-11-29T10:00:00Z',
    };
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/drafts': { status: 200, body: { items: [draft] } },
      [`PUT /api/drafts/${draft.id}`]: { status: 200, body: { ...draft, updatedAt: '2026-11-30T10:00:00Z' } },
    });
    renderWithI18n(<Composer me={makeMe()} autosaveMs={20} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Resume “Budget freeze”' }));
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Budget freeze');
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Until **January**.');
    expect((screen.getByLabelText('Slack') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Priority') as HTMLSelectElement).value).toBe('high');
    expect(screen.queryByTestId('draft-list')).toBeNull(); // the one being edited is not listed
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Budget freeze until January' } });
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.path).toBe(`/api/drafts/${draft.id}`);
    expect(puts(calls)[0]!.body).toMatchObject({ title: 'Budget freeze until January', fields: { departmentIds: ['d3'] } });
  });

  it('deletes the draft once published', async () => {
    const draft = { id: '22222222-2222-4222-8222-222222222222', title: 'Picnic', body: 'Friday', fields: {}, updatedAt: '2026-11-29T10:00:00Z' };
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/drafts': { status: 200, body: { items: [draft] } },
      'POST /api/announcements/audience': { status: 200, body: { recipients: 3 } },
      'POST /api/announcements': { status: 201, body: { id: 'a5', status: 'published' } },
      [`DELETE /api/drafts/${draft.id}`]: { status: 204 },
    });
    renderWithI18n(<Composer me={makeMe()} autosaveMs={20} />);
    fireEvent.click(await screen.findByTestId('draft-resume'));
    fireEvent.click(screen.getByTestId('publish-button'));
    fireEvent.click(await screen.findByTestId('confirm-publish-yes'));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === `/api/drafts/${draft.id}`)).toBe(true));
    expect(window.location.hash).toBe('#/announcements/a5');
    expect(puts(calls)).toHaveLength(0);
  });
});

describe('Composer test send', () => {
  it('sends the message to me and says per channel what happened', async () => {
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'GET /api/drafts': { status: 200, body: { items: [] } },
      'POST /api/announcements/test': {
        status: 200,
        body: { email: { status: 'sent', to: 'comms@heraldo.test' }, slack: { status: 'skipped', reason: 'no_slack_account' } },
      },
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fireEvent.click(screen.getByTestId('test-send-button'));
    await waitFor(() => expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.path === '/api/announcements/test')).toBe(false); // incomplete: nothing sent
    fillValid();
    fireEvent.click(screen.getByLabelText('Email'));
    fireEvent.click(screen.getByTestId('test-send-button'));
    const result = screen.getByTestId('test-send-result');
    await waitFor(() => expect(result.textContent).toContain('Email: test sent to comms@heraldo.test.'));
    expect(result.textContent).toContain('Slack: not sent, no Slack account uses your email address.');
    expect(calls.find((c) => c.path === '/api/announcements/test')!.body).toMatchObject({ title: 'Office closed Friday', channels: ['in_app', 'email'] });
    expect(calls.some((c) => c.path === '/api/announcements')).toBe(false);
  });

  it('says when there were too many tests', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/announcements/test': { status: 429, body: { error: { code: 'too_many_tests', message: 'At most 5' } } },
    });
    renderWithI18n(<Composer me={makeMe()} />, 'es');
    fireEvent.change(screen.getByLabelText('Título'), { target: { value: 'Hola' } });
    fireEvent.change(screen.getByLabelText('Mensaje'), { target: { value: 'Texto' } });
    fireEvent.click(screen.getByTestId('test-send-button'));
    await screen.findByText('Demasiadas pruebas en un minuto. Espera un momento y vuelve a intentarlo.');
  });
});

function fillValid() {
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Office closed Friday' } });
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'The **office** is closed.' } });
}
