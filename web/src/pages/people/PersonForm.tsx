// The fields of a person, for adding one and for changing one: labelled, errors named under
// each field and gathered in a summary that takes the focus.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { describedBy, FieldError } from '../../components/FieldError';
import { useI18n } from '../../i18nContext';
import type { Role } from '../../types';
import { ROLES } from './api';
import { DepartmentsField, type Memberships } from './DepartmentsField';

export interface PersonValues {
  email: string;
  name: string;
  role: Role;
  memberships: Memberships;
  locale: 'en' | 'es';
  timezone: string;
  password: string;
}
type Field = 'email' | 'name' | 'role' | 'departments' | 'locale' | 'timezone' | 'password';
type Errors = Partial<Record<Field | 'form', string>>;

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Madrid', 'Europe/London', 'America/New_York', 'America/Mexico_City'];
  }
})();

interface Props {
  mode: 'create' | 'edit';
  initial: PersonValues;
  departments: { slug: string; name: string }[];
  onSubmit: (values: PersonValues) => Promise<void>;
}

export function PersonForm({ mode, initial, departments, onSubmit }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  useEffect(() => {
    if (focusSummary) summaryRef.current?.focus();
  }, [focusSummary]);
  const id = (f: string) => `person-${f}`;
  const set = <K extends keyof PersonValues>(key: K, value: PersonValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function check(v: PersonValues): Errors {
    const e: Errors = {};
    if (mode === 'create' && !/^\S+@\S+\.\S+$/.test(v.email.trim())) e.email = t('signin.required');
    if (!v.name.trim()) e.name = t('signin.required');
    if (v.password && v.password.length < 12) e.password = t('setpw.tooShort');
    if (!v.timezone.trim()) e.timezone = t('signin.required');
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const local = check(values);
    if (Object.keys(local).length) {
      setErrors(local);
      setFocusSummary((n) => n + 1);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await onSubmit(values);
    } catch (err) {
      const e: Errors = {};
      if (err instanceof ApiError) {
        for (const [key, message] of Object.entries(err.fields)) {
          const field = key.split('.')[0] as Field;
          if (['email', 'name', 'role', 'departments', 'locale', 'timezone', 'password'].includes(field)) e[field] ??= message;
          else e.form = message;
        }
        if (err.code === 'conflict') e.email = t('person.conflict');
        if (err.code === 'last_admin') e.role = t('person.lastAdmin');
        if (!Object.keys(e).length) e.form = err.status === 0 ? t('common.network') : err.message || t('common.error');
      } else e.form = t('common.error');
      setErrors(e);
      setFocusSummary((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const listed = Object.entries(errors);
  const invalid = (f: Field) => (errors[f] ? true : undefined);
  return (
    <form onSubmit={submit} noValidate data-testid="person-form">
      {listed.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} data-testid="person-errors">
          <p>{t('person.errorSummary')}</p>
          <ul>
            {listed.map(([f, message]) => (
              <li key={f}>{f === 'form' ? message : <a href={`#${id(f)}`} onClick={(e) => { e.preventDefault(); document.getElementById(id(f))?.focus(); }}>{message}</a>}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field-row">
        {mode === 'create' && (
          <div className="field">
            <label htmlFor={id('email')}>{t('person.email')}</label>
            <input id={id('email')} type="email" autoComplete="off" value={values.email} onChange={(e) => set('email', e.target.value)}
              aria-invalid={invalid('email')} aria-describedby={describedBy(errors.email && `${id('email')}-error`)} />
            <FieldError id={`${id('email')}-error`} message={errors.email} />
          </div>
        )}
        <div className="field">
          <label htmlFor={id('name')}>{t('person.name')}</label>
          <input id={id('name')} type="text" autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)}
            aria-invalid={invalid('name')} aria-describedby={describedBy(errors.name && `${id('name')}-error`)} />
          <FieldError id={`${id('name')}-error`} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={id('role')}>{t('person.role')}</label>
          <select id={id('role')} value={values.role} onChange={(e) => set('role', e.target.value as Role)}
            aria-invalid={invalid('role')} aria-describedby={describedBy(errors.role && `${id('role')}-error`)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>{t(`role.${r}`)}</option>
            ))}
          </select>
          <FieldError id={`${id('role')}-error`} message={errors.role} />
        </div>
        <div className="field">
          <label htmlFor={id('locale')}>{t('person.locale')}</label>
          <select id={id('locale')} value={values.locale} onChange={(e) => set('locale', e.target.value as 'en' | 'es')} aria-invalid={invalid('locale')}>
            <option value="en">{t('lang.en')}</option>
            <option value="es">{t('lang.es')}</option>
          </select>
          <FieldError id={`${id('locale')}-error`} message={errors.locale} />
        </div>
        <div className="field">
          <label htmlFor={id('timezone')}>{t('person.timezone')}</label>
          <input id={id('timezone')} type="text" list="person-timezones" autoComplete="off" value={values.timezone} onChange={(e) => set('timezone', e.target.value)}
            aria-invalid={invalid('timezone')} aria-describedby={describedBy(`${id('timezone')}-hint`, errors.timezone && `${id('timezone')}-error`)} />
          <p id={`${id('timezone')}-hint`} className="hint">{t('person.timezoneHint')}</p>
          <datalist id="person-timezones">
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <FieldError id={`${id('timezone')}-error`} message={errors.timezone} />
        </div>
        {mode === 'create' && (
          <div className="field">
            <label htmlFor={id('password')}>{t('person.password')}</label>
            <input id={id('password')} type="password" autoComplete="new-password" value={values.password} onChange={(e) => set('password', e.target.value)}
              aria-invalid={invalid('password')} aria-describedby={describedBy(`${id('password')}-hint`, errors.password && `${id('password')}-error`)} />
            <p id={`${id('password')}-hint`} className="hint">{t('person.passwordHint')}</p>
            <FieldError id={`${id('password')}-error`} message={errors.password} />
          </div>
        )}
      </div>
      <DepartmentsField idPrefix="person" departments={departments} value={values.memberships} onChange={(m) => set('memberships', m)} error={errors.departments} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy} data-testid="person-submit">
          {busy ? t(mode === 'create' ? 'person.creating' : 'person.saving') : t(mode === 'create' ? 'person.create' : 'person.save')}
        </button>
      </div>
    </form>
  );
}
