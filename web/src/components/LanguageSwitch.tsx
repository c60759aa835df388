import { useId } from 'react';
import { LOCALES, isLocale } from '../i18n';
import { useI18n } from '../i18nContext';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="lang-switch">
      <label htmlFor={id}>{t('header.language')}</label>
      <select
        id={id}
        data-testid="lang-switch"
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) setLocale(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(l === 'en' ? 'lang.en' : 'lang.es')}
          </option>
        ))}
      </select>
    </div>
  );
}
