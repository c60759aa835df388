// @vitest-environment jsdom
// The sign-in page offers what the server says is on: single sign-on, passwords, or both.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithI18n } from '../test-utils';
import { SignIn } from './SignIn';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const providers = (body: unknown) => mockFetch({ 'GET /api/auth/providers': { status: 200, body } });

describe('SignIn', () => {
  it('offers single sign-on beside the password form when both are on', async () => {
    providers({ password: true, oidc: { name: 'Acme SSO' } });
    renderWithI18n(<SignIn onSignedIn={() => {}} />);
    const link = await screen.findByRole('link', { name: 'Sign in with Acme SSO' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/login');
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('hides the password form when passwords are off', async () => {
    providers({ password: false, oidc: { name: 'Acme SSO' } });
    renderWithI18n(<SignIn onSignedIn={() => {}} />, 'es');
    expect(await screen.findByRole('link', { name: 'Entrar con Acme SSO' })).toBeTruthy();
    expect(screen.queryByLabelText('Contraseña')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows only the password form without single sign-on, or when the providers cannot be read', async () => {
    providers({ password: true, oidc: null });
    renderWithI18n(<SignIn onSignedIn={() => {}} />);
    expect(await screen.findByLabelText('Password')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    cleanup();
    mockFetch({});
    renderWithI18n(<SignIn onSignedIn={() => {}} />);
    expect(await screen.findByLabelText('Password')).toBeTruthy();
  });

  it('puts focus back on the form, described by the error, after a refused attempt', async () => {
    mockFetch({
      'GET /api/auth/providers': { status: 200, body: { password: true, oidc: null } },
      'POST /api/auth/login': { status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password' } } },
    });
    renderWithI18n(<SignIn onSignedIn={() => {}} />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'alice@heraldo.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    const submit = screen.getByRole('button', { name: 'Sign in' });
    submit.focus();
    fireEvent.click(submit);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Email')));
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toBe('signin-error');
    expect(document.getElementById('signin-error')!.textContent).not.toBe('');
  });
});
