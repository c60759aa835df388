// Said once per person: the app follows the account's language, which may not be the
// browser's (the sign-in page was in the browser's). The note names the language in use and
// offers the browser's, written in that language, so whoever cannot read the first can
// still find the way out. Switching or dismissing records it, so it never shows again.
import { useState } from 'react';
import { detectLocale, translate } from '../i18n';
import { useI18n } from '../i18nContext';
import type { Locale } from '../types';

const seenKey = (userId: string) => `heraldo.languageNote.${userId}`;

function browserLocale(): Locale | null {
  if (typeof navigator === 'undefined') return null;
  const languages = navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
  return languages.length ? detectLocale(languages) : null;
}

function alreadySeen(userId: string): boolean {
  try {
    return localStorage.getItem(seenKey(userId)) === '1';
  } catch {
    return false; // storage off (private mode): say it this session
  }
}

export function LanguageNote({ userId, accountLocale }: { userId: string; accountLocale: Locale | undefined }) {
  const { t, locale, setLocale } = useI18n();
  const [browser] = useState(browserLocale);
  const [show, setShow] = useState(() => Boolean(accountLocale && browser && browser !== accountLocale && !alreadySeen(userId)));
  if (!show || !browser || browser === locale) return null;

  const done = () => {
    try {
      localStorage.setItem(seenKey(userId), '1');
    } catch {
      // nothing to remember it in
    }
    setShow(false);
  };
  return (
    <div className="notice language-note" data-testid="language-note">
      <p>{t('reading.langNote', { language: t(`reading.langName.${locale}`) })}</p>
      <div className="button-row">
        <button
          type="button"
          lang={browser}
          data-testid="language-note-switch"
          onClick={() => {
            done();
            setLocale(browser);
          }}
        >
          {translate(browser, 'reading.langSwitch')}
        </button>
        <button type="button" className="button-quiet" onClick={done}>
          {t('reading.langKeep', { language: t(`reading.langName.${locale}`) })}
        </button>
      </div>
    </div>
  );
}
