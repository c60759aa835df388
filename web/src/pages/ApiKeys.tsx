// Admins' API keys: create one (its secret is shown once, with a copy button), see every key
// with when it was last used, revoke one after a confirmation.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { describedBy, FieldError } from '../components/FieldError';
import { useI18n } from '../i18nContext';
import { useDepartments } from '../state/useDepartments';
import { useFetch } from '../state/useFetch';
// The keys and their scopes are the server's wire types and list (server/wire).
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope, type CreatedApiKey } from '../types';

type Field = 'name' | 'scopes' | 'departmentIds';

function CreatedKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copyKey = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section className="notice notice-success api-key-created" aria-labelledby="api-key-created-title" data-testid="api-key-created">
      <h2 id="api-key-created-title">{t('integrations.keys.createdTitle', { name })}</h2>
      <p>{t('integrations.keys.createdOnce')}</p>
      <div className="field-inline">
        <label htmlFor="api-key-secret" className="visually-hidden">{t('integrations.keys.col.key')}</label>
        <input id="api-key-secret" type="text" className="api-key-secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} data-testid="api-key-secret" />
        <button type="button" className="button-primary" onClick={() => void copyKey()} data-testid="api-key-copy">
          {t('integrations.keys.copy')}
        </button>
        <button type="button" className="button-quiet" onClick={onDone}>
          {t('integrations.keys.done')}
        </button>
      </div>
      <p role="status" className="api-key-copy-status">
        {copy === 'copied' ? t('integrations.keys.copied') : copy === 'failed' ? t('integrations.keys.copyFailed') : ''}
      </p>
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useI18n();
  const { departments } = useDepartments();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['announcements:write']);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setOther(null);
    try {
      const created = await api.post<CreatedApiKey>('/api/admin/api-keys', { name, scopes, departmentIds });
      setErrors({});
      setName('');
      setDepartmentIds([]);
      onCreated(created);
    } catch (err) {
      const fields: Partial<Record<Field, string>> = {};
      if (err instanceof ApiError) {
        for (const [key, message] of Object.entries(err.fields)) fields[key.split('.')[0] as Field] ??= message;
      }
      setErrors(fields);
      if (!Object.keys(fields).length) setOther(err instanceof ApiError && err.message ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="api-key-form" aria-labelledby="api-key-form-title">
      <h2 id="api-key-form-title">{t('integrations.keys.create')}</h2>
      {other && <p className="form-error" role="alert">{other}</p>}
      <div className="field">
        <label htmlFor="api-key-name">{t('integrations.keys.name')}</label>
        <input
          id="api-key-name"
          type="text"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('api-key-name-hint', errors.name && 'api-key-name-error')}
        />
        <p id="api-key-name-hint" className="hint">{t('integrations.keys.nameHint')}</p>
        <FieldError id="api-key-name-error" message={errors.name} />
      </div>
      <fieldset className="field" aria-describedby={describedBy(errors.scopes && 'api-key-scopes-error')}>
        <legend>{t('integrations.keys.scopes')}</legend>
        <div className="choices">
          {API_KEY_SCOPES.map((s) => (
            <label key={s} className="choice">
              <input type="checkbox" name="scopes" value={s} checked={scopes.includes(s)} onChange={(e) => setScopes(toggle(scopes, s, e.target.checked))} />
              {t(`integrations.keys.scope.${s}`)}
            </label>
          ))}
        </div>
        <FieldError id="api-key-scopes-error" message={errors.scopes} />
      </fieldset>
      <fieldset className="field" aria-describedby={describedBy('api-key-departments-hint', errors.departmentIds && 'api-key-departments-error')}>
        <legend>{t('integrations.keys.departments')}</legend>
        <p id="api-key-departments-hint" className="hint">{t('integrations.keys.departmentsHint')}</p>
        <div className="choices">
          {departments.map((d) => (
            <label key={d.id} className="choice">
              <input
                type="checkbox"
                name="departmentIds"
                value={d.id}
                checked={departmentIds.includes(d.id)}
                onChange={(e) => setDepartmentIds(toggle(departmentIds, d.id, e.target.checked))}
              />
              {d.name}
            </label>
          ))}
        </div>
        <FieldError id="api-key-departments-error" message={errors.departmentIds} />
      </fieldset>
      <button type="submit" className="button-primary" disabled={busy} data-testid="api-key-submit">
        {busy ? t('integrations.keys.submitting') : t('integrations.keys.submit')}
      </button>
    </form>
  );
}

export function ApiKeys() {
  const { t, formatDate } = useI18n();
  const { departments } = useDepartments();
  const { data, error, loading, reload } = useFetch(() => api.get<ApiKey[]>('/api/admin/api-keys'), []);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);
  const keys = Array.isArray(data) ? data : [];
  const slug = (id: string) => departments.find((d) => d.id === id)?.name ?? id;

  async function revoke(key: ApiKey) {
    setRevokeError(null);
    try {
      await api.delete(`/api/admin/api-keys/${encodeURIComponent(key.id)}`);
      setConfirming(null);
      setMessage(t('integrations.keys.revoked', { name: key.name }));
      await reload();
    } catch (err) {
      setRevokeError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    }
  }

  return (
    <div className="api-keys">
      <h1>{t('integrations.keys.title')}</h1>
      <p>
        {t('integrations.keys.intro')} <a href="/api/docs">{t('integrations.keys.docs')}</a>
      </p>
      {created ? (
        <CreatedKey name={created.name} secret={created.key} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm
          onCreated={(k) => {
            setMessage(null);
            setCreated({ name: k.name, key: k.key });
            void reload();
          }}
        />
      )}
      <h2>{t('integrations.keys.list')}</h2>
      <p role="status">{message}</p>
      {error && <ErrorNotice error={error} onRetry={reload} />}
      {revokeError && <ErrorNotice error={revokeError} />}
      {loading && !data && <p role="status">{t('common.loading')}</p>}
      {data && keys.length === 0 && <p className="empty">{t('integrations.keys.empty')}</p>}
      {keys.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('integrations.keys.list')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('integrations.keys.col.name')}</th>
                <th scope="col">{t('integrations.keys.col.key')}</th>
                <th scope="col">{t('integrations.keys.col.scopes')}</th>
                <th scope="col">{t('integrations.keys.col.departments')}</th>
                <th scope="col">{t('integrations.keys.col.created')}</th>
                <th scope="col">{t('integrations.keys.col.lastUsed')}</th>
                <th scope="col">{t('integrations.keys.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} data-testid="api-key-row" data-id={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>
                    <code>{k.keyPrefix}…</code>
                  </td>
                  <td>{k.scopes.map((s) => t(`integrations.keys.scope.${s}`)).join(', ')}</td>
                  <td>{k.departmentIds.length ? k.departmentIds.map(slug).join(', ') : t('integrations.keys.anyDepartment')}</td>
                  <td>{formatDate(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDate(k.lastUsedAt) : t('integrations.keys.never')}</td>
                  <td>
                    {k.revokedAt ? (
                      t('integrations.keys.revokedAt', { date: formatDate(k.revokedAt) })
                    ) : confirming === k.id ? (
                      <div role="group" aria-label={t('integrations.keys.revoke')} className="confirm">
                        <p>{t('integrations.keys.revokeConfirm', { name: k.name })}</p>
                        <button type="button" className="button-danger button-small" onClick={() => void revoke(k)} data-testid="api-key-revoke-yes">
                          {t('integrations.keys.revokeYes')}
                        </button>{' '}
                        <button type="button" className="button-quiet button-small" onClick={() => setConfirming(null)}>
                          {t('integrations.keys.revokeNo')}
                        </button>
                      </div>
                    ) : (
                      <>
                        {t('integrations.keys.active')}{' '}
                        <button
                          type="button"
                          className="button-danger button-small"
                          onClick={() => setConfirming(k.id)}
                          aria-label={`${t('integrations.keys.revoke')}: ${k.name}`}
                          data-testid="api-key-revoke"
                        >
                          {t('integrations.keys.revoke')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
