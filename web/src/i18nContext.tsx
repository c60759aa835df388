// React side of i18n: the current language, `t`, and dates in the user's time zone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { initialLocale, rememberLocale, translate, type MessageKey, type Vars } from './i18n';
import { formatDateTime } from './lib/dates';
import type { Locale } from './types';

export interface I18n {
  locale: Locale;
  timeZone: string | undefined;
  t: (key: MessageKey, vars?: Vars) => string;
  formatDate: (iso: string | null | undefined) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

interface ProviderProps {
  children: ReactNode;
  /** Preferred language from /api/me once signed in (wins over the stored one). */
  userLocale?: Locale;
  timeZone?: string;
  /** Persist the user's choice on the server (PATCH /api/me). */
  onChange?: (locale: Locale) => void;
}

export function I18nProvider({ children, userLocale, timeZone, onChange }: ProviderProps) {
  const [locale, setLocaleState] = useState<Locale>(() => userLocale ?? initialLocale());

  useEffect(() => {
    if (userLocale) {
      setLocaleState(userLocale);
      rememberLocale(userLocale);
    }
  }, [userLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      rememberLocale(next);
      onChange?.(next);
    },
    [onChange],
  );

  const value = useMemo<I18n>(
    () => ({
      locale,
      timeZone,
      t: (key, vars) => translate(locale, key, vars),
      formatDate: (iso) => formatDateTime(iso, locale, timeZone),
      setLocale,
    }),
    [locale, timeZone, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
