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

const AUDIENCE = { 'POST /api/announcements/audience': { status: 200, body: { recipients: 2008 } } };

/** The publish button, then "Yes" in the confirmation dialog. */
async function publishAndConfirm() {
  fireEvent.click(screen.getByTestId('publish-button'));
  fireEvent.click(await screen.findByTestId('confirm-publish-yes'));
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
      ...AUDIENCE,
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.click(screen.getByLabelText('Email'));
    fireEvent.click(screen.getByLabelText('Ask recipients to confirm they have read it'));
    await publishAndConfirm();
    await waitFor(() => expect(window.location.hash).toBe('#/announcements/a77'));
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/announcements')!;
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
      ...AUDIENCE,
    });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    await publishAndConfirm();
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
      'POST /api/announcements/audience': { status: 403, body: { error: { code: 'forbidden', message: 'Nope' } } },
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
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ audience: { type: 'departments', departmentIds: ['d1'] } });
    expect(calls.some((c) => c.path === '/api/announcements')).toBe(false);
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
    // No script may run in it (same origin only so that the page can measure its height).
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin');
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

describe('Composer: publishing safely', () => {
  it('never publishes on Enter (a form submit), only through the button and the dialog', async () => {
    const { calls } = mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS }, ...AUDIENCE });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.keyDown(screen.getByLabelText('Title'), { key: 'Enter' });
    fireEvent.submit(screen.getByTestId('composer-form'));
    expect(screen.getByTestId('publish-button').getAttribute('type')).toBe('button');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(screen.queryByTestId('confirm-publish')).toBeNull();
  });

  it('asks in a modal with the server count and the channels; Escape cancels and returns focus', async () => {
    const { calls } = mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS }, ...AUDIENCE });
    renderWithI18n(<Composer me={makeMe()} />);
    fillValid();
    fireEvent.click(screen.getByLabelText('Email'));
    fireEvent.click(screen.getByLabelText('Slack'));
    const button = screen.getByTestId('publish-button');
    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Publish this announcement?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByTestId('confirm-publish-question').textContent).toBe('Send to 2,008 people by in-app, email and Slack?');
    expect(calls.find((c) => c.path === '/api/announcements/audience')!.body).toEqual({ audience: { type: 'all' } });
    expect(dialog.contains(document.activeElement)).toBe(true);
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(calls.some((c) => c.path === '/api/announcements')).toBe(false);
  });

  it('asks in Spanish, with the plural rules', async () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS }, 'POST /api/announcements/audience': { status: 200, body: { recipients: 1 } } });
    renderWithI18n(<Composer me={makeMe({ locale: 'es' })} />, 'es');
    fireEvent.change(screen.getByLabelText('Título'), { target: { value: 'Hola' } });
    fireEvent.change(screen.getByLabelText('Mensaje'), { target: { value: 'Texto' } });
    fireEvent.click(screen.getByLabelText('Correo electrónico'));
    fireEvent.click(screen.getByTestId('publish-button'));
    expect((await screen.findByTestId('confirm-publish-question')).textContent).toBe('¿Enviar a 1 persona por la aplicación y correo electrónico?');
  });

  it('clears a field error as soon as the field is fixed', async () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS } });
    renderWithI18n(<Composer me={makeMe()} />);
    fireEvent.click(screen.getByTestId('publish-button'));
    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByTestId('error-summary').textContent).toContain('Enter a title.');
    fireEvent.change(title, { target: { value: 'Fixed' } });
    expect(title.getAttribute('aria-invalid')).toBeNull();
    expect(document.getElementById('composer-title-error')).toBeNull();
    expect(screen.getByTestId('error-summary').textContent).not.toContain('Enter a title.');
    expect(screen.getByLabelText('Message').getAttribute('aria-invalid')).toBe('true'); // not fixed yet
  });
});

describe('Composer: schedule time zone', () => {
  it('names the zone the times are read in, not its IANA id', () => {
    mockFetch({ 'GET /api/departments': { status: 200, body: DEPARTMENTS } });
    renderWithI18n(<Composer me={makeMe()} />, 'en', 'Europe/Madrid');
    const tz = screen.getByTestId('composer-tz');
    expect(tz.textContent).toMatch(/^Times are in Central European (Standard|Summer) Time\.$/);
    expect(tz.textContent).not.toContain('Europe/Madrid');
    fireEvent.change(screen.getByLabelText('Publish at (optional)'), { target: { value: '2030-07-15T09:00' } });
    expect(tz.textContent).toBe('Times are in Central European Summer Time.');
  });
});
