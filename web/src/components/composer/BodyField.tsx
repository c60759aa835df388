// Markdown body with a live, sanitized preview.
import { useDeferredValue, useMemo } from 'react';
import { useI18n } from '../../i18nContext';
import { renderMarkdown } from '../../lib/sanitize';
import { describedBy, FieldError } from '../FieldError';

interface Props {
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

export function BodyField({ value, error, onChange }: Props) {
  const { t } = useI18n();
  const deferred = useDeferredValue(value);
  // Code blocks and tables in their own keyboard-reachable scrolling box, as readers see them.
  const html = useMemo(
    () => (deferred.trim() ? renderMarkdown(deferred, { code: t('reading.codeBox'), table: t('reading.tableBox') }) : ''),
    [deferred, t],
  );
  return (
    <div className="body-field">
      <div className="field">
        <label htmlFor="composer-body">{t('composer.body')}</label>
        <p id="composer-body-hint" className="hint">
          {t('composer.bodyHint')}
        </p>
        <textarea
          id="composer-body"
          name="body"
          rows={10}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('composer-body-hint', error && 'composer-body-error')}
        />
        <FieldError id="composer-body-error" message={error} />
      </div>
      <section className="preview" aria-labelledby="composer-preview-title">
        <h2 id="composer-preview-title">{t('composer.preview')}</h2>
        {html ? (
          <div className="prose" data-testid="markdown-preview" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p className="muted">{t('composer.previewEmpty')}</p>
        )}
      </section>
    </div>
  );
}
