// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, useI18n } from '../i18nContext';
import { LanguageNote } from './LanguageNote';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});

function Page() {
  const { t } = useI18n();
  return <h1>{t('inbox.title')}</h1>;
}

function app(browser: string[], account: 'en' | 'es', onChange = vi.fn()) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(browser);
  render(
    <I18nProvider userLocale={account} onChange={onChange}>
      <LanguageNote userId="u1" accountLocale={account} />
      <Page />
    </I18nProvider>,
  );
  return onChange;
}

describe('LanguageNote', () => {
  it("says once that the account's language is not the browser's, and offers the browser's in its own words", () => {
    const onChange = app(['es-ES', 'es'], 'en');
    expect(screen.getByTestId('language-note').textContent).toContain('Heraldo is in English, the language of your account.');
    const change = screen.getByTestId('language-note-switch');
    expect(change.textContent).toBe('Cambiar a español');
    expect(change.getAttribute('lang')).toBe('es');
    fireEvent.click(change);
    expect(onChange).toHaveBeenCalledWith('es');
    expect(screen.getByRole('heading').textContent).toBe('Bandeja de entrada');
    expect(screen.queryByTestId('language-note')).toBeNull();
    cleanup();
    app(['es-ES'], 'en');
    expect(screen.queryByTestId('language-note')).toBeNull(); // once
  });

  it('can be dismissed, keeping the language, and stays away', () => {
    const onChange = app(['en-US'], 'es');
    expect(screen.getByTestId('language-note').textContent).toContain('Heraldo está en español, el idioma de tu cuenta.');
    fireEvent.click(screen.getByRole('button', { name: 'Seguir en español' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.queryByTestId('language-note')).toBeNull();
    cleanup();
    app(['en-US'], 'es');
    expect(screen.queryByTestId('language-note')).toBeNull();
  });

  it('says nothing when both agree', () => {
    app(['es-MX'], 'es');
    expect(screen.queryByTestId('language-note')).toBeNull();
  });
});
