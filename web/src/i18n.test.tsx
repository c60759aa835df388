// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectLocale, initialLocale, LOCALE_STORAGE_KEY, translate, type MessageKey } from './i18n';

describe('i18n', () => {
  afterEach(() => {
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('translates and interpolates', () => {
    expect(translate('en', 'header.unread', { count: 3 })).toBe('3 unread');
    expect(translate('es', 'header.unread', { count: 3 })).toBe('3 sin leer');
    expect(translate('es', 'inbox.ack')).toBe('Confirmo que lo he leído');
  });

  it('picks the plural form by Intl.PluralRules in each language ("1 entrega", never "1 entregas")', () => {
    expect(translate('en', 'stats.retried', { count: 1 })).toBe('1 delivery queued again.');
    expect(translate('en', 'stats.retried', { count: 2 })).toBe('2 deliveries queued again.');
    expect(translate('en', 'stats.retried', { count: 0 })).toBe('0 deliveries queued again.');
    expect(translate('es', 'stats.retried', { count: 1 })).toBe('1 entrega puesta de nuevo en cola.');
    expect(translate('es', 'stats.retried', { count: 5 })).toBe('5 entregas puestas de nuevo en cola.');
    expect(translate('es', 'life.ann.reminded', { count: 1 })).toBe('Recordatorio enviado a 1 persona.');
    expect(translate('es', 'people.shown', { count: 1 })).toBe('1 mostrada');
    expect(translate('es', 'import.invalid', { count: 2 })).toMatch(/^2 problemas/);
  });

  it('falls back to English for an unknown locale and to the key for an unknown key', () => {
    expect(translate('fr', 'nav.inbox')).toBe('Inbox');
    expect(translate('es', 'no.such.key' as MessageKey)).toBe('no.such.key');
    expect(translate('en', 'header.unread')).toBe('{count} unread');
  });

  it('detects the language from the browser', () => {
    expect(detectLocale(['es-MX', 'en'])).toBe('es');
    expect(detectLocale('es')).toBe('es');
    expect(detectLocale(['fr-FR', 'de'])).toBe('en');
    expect(detectLocale(['fr-FR', 'es-ES'])).toBe('es');
    expect(detectLocale(undefined)).toBe('en');
  });

  it('prefers the remembered language over the browser', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['es-ES']);
    expect(initialLocale()).toBe('es');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(initialLocale()).toBe('en');
  });
});
