// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEPARTMENTS, makeMe, mockFetch, renderWithI18n } from '../test-utils';
import { Composer } from './Composer';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = '';
});

function fillValid() {
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Office closed Friday' } });
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'The **office** is closed.' } });
}

describe('Composer', () => {
  it('shows a live, sanitized Markdown preview', () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS } });
    renderWithI18n(<Composer me={makeMe()} />);
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '**hi** <img src=x onerror=alert(1)>' } });
    return waitFor(() => {
      const preview = screen.getByTestId('markdown-preview');
      expect(preview.innerHTML).toContain('<strong>hi</strong>');
      expect(preview.innerHTML).not.toContain('onerror');
    });
  });

  it('publishes to everyone and opens the announcement', async () => {
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/announcements': { status: 201, body: { id: 'a77', status: 'published' } },
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.click(screen.getByLabelText('Email'));
    fireEvent.click(screen.getByLabelText('Ask recipients to confirm they have read it'));
    fireEvent.click(screen.getByTestId('publish-button'));
    await waitFor(() => expect(window.location.hash).toBe('#/announcements/a77'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      title: 'Office closed Friday',
      body: 'The **office** is closed.',
      audience: { type: 'all' },
      channels: ['in_app', 'email'],
      priority: 'normal',
      requireAck: true,
    });
  });

  it('puts API field errors next to their inputs', async () => {
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/announcements': {
        status: 400,
        body: { error: { code: 'validation', message: 'Invalid', fields: { title: 'Title is too long', 'audience.departmentIds': 'Unknown department', channels: 'Slack is off' } } },
      },
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.click(screen.getByTestId('publish-button'));
    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = title.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)!.textContent).toContain('Title is too long');
    expect(document.activeElement).toBe(title);
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toContain('Slack is off');
    expect(screen.getByTestId('error-summary').textContent).toContain('Unknown department');
    expect(screen.getByLabelText('Message').getAttribute('aria-invalid')).toBeNull();

    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.html).join(' | ')}`)).toEqual([]);
  });

  it('checks required fields before calling the API', async () => {
    const { calls } = mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS } });
    renderWithI18n(<Composer me={makeMe()} />);
    fireEvent.click(screen.getByTestId('publish-button'));
    await waitFor(() => expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('composer-title-error')!.textContent).toContain('Enter a title.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('offers managers only the departments they manage, never everyone', async () => {
    const { calls } = mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/announcements': { status: 403, body: { error: { code: 'forbidden', message: 'Nope' } } },
    });
    const me = makeMe({
      role: 'manager',
      departments: [
        { id: 'd1', slug: 'it', name: 'IT', isManager: true },
        { id: 'd5', slug: 'sales', name: 'Sales', isManager: false },
      ],
    });
    renderWithI18n(<Composer me={me} />);
    expect(screen.queryByLabelText('Everyone in the company')).toBeNull();
    const boxes = screen.getAllByRole('checkbox', { name: /IT|Sales|Human/ });
    expect(boxes.map((b) => b.getAttribute('value'))).toEqual(['d1']);
    await waitFor(() => expect((boxes[0] as HTMLInputElement).checked).toBe(true)); // the only choice
    fillValid();
    fireEvent.click(screen.getByTestId('publish-button'));
    await screen.findByText('You may not send announcements to this audience.', { selector: '.field-error' });
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ audience: { type: 'departments', departmentIds: ['d1'] } });
  });

  it('says when channel previews are unavailable, and sandboxes the email one', async () => {
    let available = false;
    mockFetch({
      'GET /api/departments': { status: 200, body: DEPARTMENTS },
      'POST /api/templates/preview': () =>
        available
          ? { status: 200, body: { subject: 'Hi', html: '<p>Mail</p><script>x</script>', text: 'Mail' } }
          : { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } },
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fireEvent.click(screen.getByTestId('preview-email'));
    await screen.findByText(/Preview unavailable/);
    available = true;
    fireEvent.click(screen.getByTestId('preview-email'));
    const frame = await screen.findByTitle('Email preview');
    expect(frame.getAttribute('sandbox')).toBe('');
  });

  it('greys out the channels the server has off, and says why', () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS } });
    renderWithI18n(<Composer me={makeMe({ channels: { email: false, slack: true } })} />);
    const email = screen.getByLabelText('Email') as HTMLInputElement;
    expect(email.disabled).toBe(true);
    expect(screen.getByTestId('channel-off-email').textContent).toBe('Email is off on this server (SMTP_URL is not set).');
    expect(email.getAttribute('aria-describedby')).toContain('composer-channel-off-email');
    expect((screen.getByLabelText('Slack') as HTMLInputElement).disabled).toBe(false);
    expect(screen.queryByTestId('channel-off-slack')).toBeNull();
    fireEvent.click(email);
    expect(email.checked).toBe(false);
  });
});
