// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { When } from '../components/When';
import { renderWithI18n } from '../test-utils';
import { relativeTime } from './relative';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const NOW = Date.parse('2030-07-15T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('relative times', () => {
  it('says how long ago in the largest unit that fits, in English and Spanish', () => {
    expect(relativeTime(ago(20), 'en', NOW)).toBe('now');
    expect(relativeTime(ago(5 * 60), 'en', NOW)).toBe('5 minutes ago');
    expect(relativeTime(ago(5 * 60), 'es', NOW)).toBe('hace 5 minutos');
    expect(relativeTime(ago(3 * 3600 + 100), 'en', NOW)).toBe('3 hours ago');
    expect(relativeTime(ago(86_400 + 10), 'es', NOW)).toBe('ayer');
    expect(relativeTime(ago(-2 * 3600), 'en', NOW)).toBe('in 2 hours'); // scheduled
    expect(relativeTime(null, 'en', NOW)).toBe('');
  });

  it('puts the relative time beside the absolute one, in a <time> titled with the absolute', () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    renderWithI18n(<When iso={ago(5 * 60)} />, 'en', 'Europe/Madrid');
    const time = screen.getByTestId('when');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toBe(ago(5 * 60));
    expect(time.getAttribute('title')).toMatch(/Jul 15, 2030.*1:55/);
    expect(time.textContent).toBe(`${time.getAttribute('title')} (5 minutes ago)`);
  });
});
