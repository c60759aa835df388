// @vitest-environment jsdom
// Asking for a preview keeps focus on the button asked (never <body>) while it loads and after.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithI18n } from '../../test-utils';
import { ChannelPreviews } from './ChannelPreviews';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ChannelPreviews focus', () => {
  it('keeps focus on the preview button, and a second click while loading sends nothing', async () => {
    const { calls } = mockFetch({
      'POST /api/templates/preview': { status: 200, body: { subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' } },
    });
    renderWithI18n(<ChannelPreviews title="Hello" body="Hi" priority="normal" audience={{ type: 'all' }} />);
    const button = screen.getByTestId('preview-email');
    button.focus();
    fireEvent.click(button);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    await waitFor(() => expect(document.querySelector('.email-preview')).not.toBeNull());
    expect(document.activeElement).toBe(button);
    expect(calls.filter((c) => c.path === '/api/templates/preview')).toHaveLength(1);
  });
});
