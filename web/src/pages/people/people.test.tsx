// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptPathRoute, parseRoute } from '../../lib/router';
import { mockFetch, renderWithI18n } from '../../test-utils';
import { SetPassword, tokenFromLocation } from '../SetPassword';
import { Import } from './Import';
import { NewPerson } from './NewPerson';
import { People } from './People';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const DEPTS = [
  { id: 'd1', slug: 'it', name: 'IT', slackChannelId: 'C_IT', memberCount: 2 },
  { id: 'd2', slug: 'hr', name: 'Human Resources', slackChannelId: null, memberCount: 1 },
];
const user = (i: number, extra = {}) => ({
  id: `u${i}`, email: `p${i}@x.test`, name: `Person ${i}`, role: 'employee', active: true, locale: 'en', timezone: 'UTC',
  departments: [{ id: 'd1', slug: 'it', name: 'IT', isManager: i === 1 }], ...extra,
});

async function noAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('routes of the administration pages', () => {
  it('parses them, and turns the invitation link into its hash route keeping the token', () => {
    expect(parseRoute('#/people')).toEqual({ name: 'people' });
    expect(parseRoute('#/people/new')).toEqual({ name: 'newPerson' });
    expect(parseRoute('#/people/abc')).toEqual({ name: 'person', id: 'abc' });
    expect(parseRoute('#/departments')).toEqual({ name: 'departments' });
    expect(parseRoute('#/import')).toEqual({ name: 'import' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('#/audit/x')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/set-password')).toEqual({ name: 'setPassword' });
    expect(adoptPathRoute({ pathname: '/set-password', hash: '', search: '?token=abc' })).toBe('/?token=abc#/set-password');
    expect(tokenFromLocation({ search: '?token=abc_-1' })).toBe('abc_-1');
  });
});

describe('People', () => {
  it('lists people, filters, and loads the next page by cursor', async () => {
    const { calls } = mockFetch({
      'GET /api/admin/departments': { status: 200, body: DEPTS },
      'GET /api/admin/users': (c) => ({
        status: 200,
        body: c.path.includes('cursor=next') ? { items: [user(3)], nextCursor: null } : { items: [user(1), user(2, { active: false })], nextCursor: 'next' },
      }),
    });
    const { container } = renderWithI18n(<People />);
    await screen.findByText('Person 1');
    expect(screen.getByText('IT (manager)')).toBeTruthy();
    const rows = screen.getAllByTestId('person-row');
    expect(within(rows[1]!).getByText('Deactivated')).toBeTruthy();
    fireEvent.click(screen.getByTestId('people-more'));
    await screen.findByText('Person 3');
    expect(screen.queryByTestId('people-more')).toBeNull();
    await noAxeViolations(container);

    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: ' ana ' } });
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'hr' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'false' } });
    fireEvent.click(screen.getByTestId('people-filter'));
    await waitFor(() => expect(calls.some((c) => c.path.includes('query=ana') && c.path.includes('department=hr') && c.path.includes('active=false'))).toBe(true));
  });
});

describe('NewPerson', () => {
  it('sends the person with departments and manager flags, and shows the API\'s field errors', { timeout: 30_000 }, async () => {
    const { calls } = mockFetch({
      'GET /api/admin/departments': { status: 200, body: DEPTS },
      'POST /api/admin/users': { status: 409, body: { error: { code: 'conflict', message: 'taken', fields: { email: 'Already taken' } } } },
    });
    const { container } = renderWithI18n(<NewPerson />);
    await screen.findByLabelText('Member of IT');
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'new@x.test' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'New Person' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'manager' } });
    fireEvent.click(screen.getByLabelText('Manages IT'));
    fireEvent.click(screen.getByLabelText('Member of Human Resources'));
    fireEvent.click(screen.getByTestId('person-submit'));
    const summary = await screen.findByTestId('person-errors');
    expect(within(summary).getByText('Someone already has this email address.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ email: 'new@x.test', name: 'New Person', role: 'manager', departments: [{ slug: 'it', isManager: true }, { slug: 'hr', isManager: false }] });
    expect(post.body).not.toHaveProperty('password');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    await noAxeViolations(container);
  });
});

describe('Import', () => {
  it('checks first, shows each row and each problem with its line, and imports only what was checked', async () => {
    let answer: { status: number; body: unknown } = {
      status: 422,
      body: { error: { code: 'import_invalid', message: 'x' }, created: 1, updated: 0, unchanged: 0, errorCount: 1, errors: [{ line: 3, field: 'role', message: 'Unknown role "boss"' }], rows: [] },
    };
    // The body is the CSV itself (not JSON): a stub of our own records it as text.
    const calls: { path: string; headers: Record<string, string>; body: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ path: String(input), headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
    }));
    const { container } = renderWithI18n(<Import />);
    const run = screen.getByTestId('import-run') as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Or paste the CSV here'), { target: { value: 'email,name,role\na@x.test,A,\nb@x.test,B,boss\n' } });
    fireEvent.click(screen.getByTestId('import-check'));
    const errors = await screen.findByTestId('import-errors');
    expect(within(errors).getByText('3')).toBeTruthy();
    expect(within(errors).getByText('Unknown role "boss"')).toBeTruthy();
    expect(run.disabled).toBe(true);
    await noAxeViolations(container);

    answer = { status: 200, body: { created: 2, updated: 0, unchanged: 0, errors: [], rows: [{ line: 2, email: 'a@x.test', action: 'create', changes: [] }, { line: 3, email: 'b@x.test', action: 'create', changes: [] }] } };
    fireEvent.change(screen.getByLabelText('Or paste the CSV here'), { target: { value: 'email,name,role\na@x.test,A,\nb@x.test,B,manager\n' } });
    fireEvent.click(screen.getByTestId('import-check'));
    const rows = await screen.findByTestId('import-rows');
    expect(within(rows).getAllByText('Add')).toHaveLength(2);
    await waitFor(() => expect(run.disabled).toBe(false));
    const check = calls[calls.length - 1]!;
    expect(check.path).toContain('dryRun=true');
    expect(check.headers['Content-Type']).toBe('text/csv');
    expect(check.body).toContain('b@x.test,B,manager');
    fireEvent.click(run);
    await screen.findByText('Imported: 2 added, 0 updated, 0 unchanged.');
    expect(calls[calls.length - 1]!.path).toContain('dryRun=false');
  });
});

describe('SetPassword', () => {
  it('sends the token from the link with the new password, after checking length and repetition', async () => {
    window.history.replaceState(null, '', '/?token=tok123#/set-password');
    const { calls } = mockFetch({ 'POST /api/auth/password': { status: 200, body: { email: 'nina@x.test' } } });
    const { container } = renderWithI18n(<SetPassword />, 'es');
    await noAxeViolations(container);
    fireEvent.change(screen.getByLabelText('Nueva contraseña'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    expect(await screen.findByText('Usa al menos 12 caracteres.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Nueva contraseña'), { target: { value: 'long enough password' } });
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), { target: { value: 'long enough password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    await screen.findByTestId('setpw-done');
    expect(calls[0]!.body).toEqual({ token: 'tok123', password: 'long enough password' });
    expect(window.location.search).toBe(''); // the spent token left the address bar
  });

  it('says so when the link was used or expired', async () => {
    window.history.replaceState(null, '', '/?token=old#/set-password');
    mockFetch({ 'POST /api/auth/password': { status: 400, body: { error: { code: 'invalid_token', message: 'x' } } } });
    renderWithI18n(<SetPassword />);
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'long enough password' } });
    fireEvent.change(screen.getByLabelText('Repeat the password'), { target: { value: 'long enough password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save password' }));
    await waitFor(() => expect(screen.getByTestId('setpw-error').textContent).toMatch(/not valid any more/));
  });
});
