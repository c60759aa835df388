// Departments: the list with their active members, a form to create one, and the same form
// to change one (opened by its row's "Edit" button).
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { ApiError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describedBy, FieldError } from '../../components/FieldError';
import { useI18n } from '../../i18nContext';
import { useFetch } from '../../state/useFetch';
import type { AdminDepartment } from '../../types';
import { AdminNav } from './AdminNav';
import { createDepartment, listDepartments, patchDepartment } from './api';

type Values = { slug: string; name: string; slackChannelId: string };
type Errors = Partial<Record<keyof Values | 'form', string>>;

function DepartmentForm({ editing, onDone, onCancel }: { editing: AdminDepartment | null; onDone: (d: AdminDepartment, created: boolean) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>({ slug: editing?.slug ?? '', name: editing?.name ?? '', slackChannelId: editing?.slackChannelId ?? '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  const set = (k: keyof Values, v: string) => setValues((old) => ({ ...old, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const body = { slug: values.slug.trim(), name: values.name.trim(), slackChannelId: values.slackChannelId.trim() || null };
    try {
      const saved = editing ? await patchDepartment(editing.id, body) : await createDepartment(body);
      onDone(saved, !editing);
      if (!editing) setValues({ slug: '', name: '', slackChannelId: '' });
    } catch (err) {
      const next: Errors = {};
      if (err instanceof ApiError) {
        for (const [k, m] of Object.entries(err.fields)) {
          if (k === 'slug' || k === 'name' || k === 'slackChannelId') next[k] = m;
          else next.form = m;
        }
        if (err.code === 'conflict') next.slug = t('depts.conflict');
        if (!Object.keys(next).length) next.form = err.message || t('common.error');
      } else next.form = t('common.error');
      setErrors(next);
    } finally {
      setBusy(false);
    }
  }

  const prefix = editing ? 'dept-edit' : 'dept-new';
  const field = (k: keyof Values, label: string, hint?: string, ref?: Ref<HTMLInputElement>) => (
    <div className="field">
      <label htmlFor={`${prefix}-${k}`}>{label}</label>
      <input ref={ref} id={`${prefix}-${k}`} type="text" autoComplete="off" value={values[k]} onChange={(e) => set(k, e.target.value)}
        aria-invalid={errors[k] ? true : undefined} aria-describedby={describedBy(hint && `${prefix}-${k}-hint`, errors[k] && `${prefix}-${k}-error`)} />
      {hint && <p id={`${prefix}-${k}-hint`} className="hint">{hint}</p>}
      <FieldError id={`${prefix}-${k}-error`} message={errors[k]} />
    </div>
  );
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`} data-testid={prefix}>
      <h2 id={`${prefix}-title`}>{editing ? t('depts.editTitle', { name: editing.name }) : t('depts.new')}</h2>
      {errors.form && <p className="form-error" role="alert">{errors.form}</p>}
      <div className="field-row">
        {field('name', t('depts.name'), undefined, first)}
        {field('slug', t('depts.slug'), t('depts.slugHint'))}
        {field('slackChannelId', t('depts.slack'), t('depts.slackHint'))}
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy}>{editing ? t('person.save') : t('depts.create')}</button>
        {editing && <button type="button" className="button-quiet" onClick={onCancel}>{t('person.cancel')}</button>}
      </div>
    </form>
  );
}

export function Departments() {
  const { t } = useI18n();
  const { data, error, reload } = useFetch(listDepartments, []);
  const [editing, setEditing] = useState<AdminDepartment | null>(null);
  const [notice, setNotice] = useState('');
  const list = data ?? [];

  return (
    <div className="admin-page">
      <AdminNav current="departments" />
      <h1>{t('depts.title')}</h1>
      <div aria-live="polite">{notice && <p className="notice notice-success">{notice}</p>}</div>
      {error && <ErrorNotice error={error} onRetry={reload} />}
      {list.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('depts.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('depts.colName')}</th>
                <th scope="col">{t('depts.colSlug')}</th>
                <th scope="col">{t('depts.colSlack')}</th>
                <th scope="col" className="num">{t('depts.colMembers')}</th>
                <th scope="col"><span className="visually-hidden">{t('depts.edit', { name: '' })}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.id} data-testid="department-row" data-slug={d.slug}>
                  <th scope="row">{d.name}</th>
                  <td><code>{d.slug}</code></td>
                  <td>{d.slackChannelId ?? <span className="muted">{t('depts.none')}</span>}</td>
                  <td className="num">{d.memberCount}</td>
                  <td>
                    <button type="button" className="button-small" aria-label={t('depts.edit', { name: d.name })} onClick={() => setEditing(d)}>
                      {t('depts.edit', { name: '' }).trim()}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <DepartmentForm key={editing.id} editing={editing} onCancel={() => setEditing(null)} onDone={(d) => {
          setEditing(null);
          setNotice(t('depts.saved', { name: d.name }));
          void reload();
        }} />
      )}
      <DepartmentForm editing={null} onCancel={() => undefined} onDone={(d) => {
        setNotice(t('depts.created', { name: d.name }));
        void reload();
      }} />
    </div>
  );
}
