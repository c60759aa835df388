// Which departments a person belongs to, and which of them they manage: two checkboxes per
// department. Managing one makes the person a member of it.
import { useI18n } from '../../i18nContext';

export type Memberships = Record<string, 'member' | 'manager'>;

export function DepartmentsField({ departments, value, onChange, error, idPrefix }: {
  departments: { slug: string; name: string }[];
  value: Memberships;
  onChange: (next: Memberships) => void;
  error?: string;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const set = (slug: string, state: 'member' | 'manager' | null) => {
    const next = { ...value };
    if (state) next[slug] = state;
    else delete next[slug];
    onChange(next);
  };
  return (
    <fieldset id={`${idPrefix}-departments`} tabIndex={-1} className="field" aria-describedby={error ? `${idPrefix}-departments-error` : undefined}>
      <legend>{t('person.departments')}</legend>
      {departments.length === 0 && <p className="muted">{t('person.noDepartments')}</p>}
      <ul className="dept-choices">
        {departments.map((d) => (
          <li key={d.slug}>
            <label className="choice">
              <input
                type="checkbox"
                name="member"
                value={d.slug}
                checked={!!value[d.slug]}
                onChange={(e) => set(d.slug, e.target.checked ? 'member' : null)}
              />
              {t('person.member', { name: d.name })}
            </label>
            <label className="choice">
              <input
                type="checkbox"
                name="manager"
                value={d.slug}
                checked={value[d.slug] === 'manager'}
                onChange={(e) => set(d.slug, e.target.checked ? 'manager' : 'member')}
              />
              {t('person.manager', { name: d.name })}
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p id={`${idPrefix}-departments-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export const toMemberships = (list: { slug: string; isManager: boolean }[]): Memberships =>
  Object.fromEntries(list.map((d) => [d.slug, d.isManager ? 'manager' : 'member']));

export const fromMemberships = (m: Memberships) => Object.entries(m).map(([slug, state]) => ({ slug, isManager: state === 'manager' }));
