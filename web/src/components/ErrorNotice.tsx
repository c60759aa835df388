import type { ApiError } from '../api';
import { useI18n } from '../i18nContext';

export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const text =
    error.status === 0
      ? t('common.network')
      : error.status === 404
        ? t('common.notFound')
        : error.status === 403
          ? t('common.forbidden')
          : error.message || t('common.error');
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {onRetry && error.status !== 404 && error.status !== 403 && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
