// The people of the company: search by name or email, filter by department and status, and
// page through them (50 at a time, "Load more").
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18nContext';
import { takeFlash } from '../../lib/flash';
import { href } from '../../lib/router';
import type { AdminDepartment, AdminUser } from '../../types';
import { AdminNav } from './AdminNav';
import { listDepartments, listUsers, type UserFilter } from './api';

export function People() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<UserFilter>({ query: '', department: '', active: '' });
  const [filter, setFilter] = useState<UserFilter>(draft);
  const [items, setItems] = useState<AdminUser[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [departments, setDepartments] = useState<AdminDepartment[]>([]);
  const [flash] = useState(() => takeFlash());

  useEffect(() => {
    listDepartments().then(setDepartments, () => setDepartments([]));
  }, []);

  const load = useCallback(async (f: UserFilter, after: string | null) => {
    setLoading(true);
    try {
      const page = await listUsers(f, after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, null);
  }, [filter, load]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ ...draft, query: draft.query?.trim() });
  };

  return (
    <div className="admin-page">
      <AdminNav current="people" />
      <div className="page-head">
        <h1>{t('people.title')}</h1>
        <a className="admin-action-link" href={href('/people/new')} data-testid="new-person">
          {t('people.new')}
        </a>
      </div>
      {flash && <p className="notice notice-success" role="status">{flash}</p>}
      <form className="admin-filters" role="search" onSubmit={apply} aria-label={t('people.filter')}>
        <div className="field">
          <label htmlFor="people-query">{t('people.search')}</label>
          <input id="people-query" type="search" value={draft.query} onChange={(e) => setDraft({ ...draft, query: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="people-department">{t('people.department')}</label>
          <select id="people-department" value={draft.department} onChange={(e) => setDraft({ ...draft, department: e.target.value })}>
            <option value="">{t('people.anyDepartment')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.slug}>{d.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="people-active">{t('people.status')}</label>
          <select id="people-active" value={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.value as UserFilter['active'] })}>
            <option value="">{t('people.statusAll')}</option>
            <option value="true">{t('people.statusActive')}</option>
            <option value="false">{t('people.statusInactive')}</option>
          </select>
        </div>
        <button type="submit" data-testid="people-filter">{t('people.filter')}</button>
      </form>
      {error && <ErrorNotice error={error} onRetry={() => void load(filter, null)} />}
      {loading && items.length === 0 && <p role="status">{t('common.loading')}</p>}
      {!loading && !error && items.length === 0 && <p className="empty">{t('people.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('people.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('people.colName')}</th>
                <th scope="col">{t('people.colEmail')}</th>
                <th scope="col">{t('people.colRole')}</th>
                <th scope="col">{t('people.colDepartments')}</th>
                <th scope="col">{t('people.colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} data-testid="person-row" data-email={u.email}>
                  <th scope="row">
                    <a href={href(`/people/${encodeURIComponent(u.id)}`)}>{u.name}</a>
                  </th>
                  <td>{u.email}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.departments.map((d) => (d.isManager ? t('people.manages', { name: d.name }) : d.name)).join(', ')}</td>
                  <td>
                    <span className={`tag${u.active ? '' : ' tag-inactive'}`}>{u.active ? t('person.active') : t('person.inactive')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted" role="status">{items.length > 0 ? t('people.shown', { count: items.length }) : ''}</p>
      {cursor && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void load(filter, cursor)} data-testid="people-more">
          {t('common.loadMore')}
        </button>
      )}
    </div>
  );
}
