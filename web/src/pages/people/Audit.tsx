// The audit log: newest first, filtered by action, older pages on demand.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18nContext';
import type { MessageKey } from '../../i18n';
import type { AuditEvent } from '../../types';
import { AdminNav } from './AdminNav';
import { AUDIT_ACTIONS, listAudit } from './api';

export function Audit() {
  const { t, formatDate } = useI18n();
  const [action, setAction] = useState('');
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async (a: string, before: string | null) => {
    setLoading(true);
    try {
      const page = await listAudit(a, before);
      setItems((prev) => (before ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(action, null);
  }, [action, load]);

  return (
    <div className="admin-page">
      <AdminNav current="audit" />
      <h1>{t('audit.title')}</h1>
      <div className="admin-filters">
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </div>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void load(action, null)} />}
      {loading && items.length === 0 && <p role="status">{t('common.loading')}</p>}
      {!loading && !error && items.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.colWhen')}</th>
                <th scope="col">{t('audit.colWho')}</th>
                <th scope="col">{t('audit.colAction')}</th>
                <th scope="col">{t('audit.colTarget')}</th>
                <th scope="col">{t('audit.colDetails')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td>{formatDate(e.at)}</td>
                  <td>{e.actor.name} <span className="muted">({t(`audit.actor.${e.actor.type}` as MessageKey)})</span></td>
                  <td><code>{e.action}</code></td>
                  <td>{e.targetType}{e.targetId ? <span className="muted break"> {e.targetId}</span> : null}</td>
                  <td><pre className="audit-details">{JSON.stringify(e.details, null, 1)}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void load(action, cursor)} data-testid="audit-older">
          {t('audit.older')}
        </button>
      )}
    </div>
  );
}
