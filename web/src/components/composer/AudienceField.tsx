// Audience picker: everyone (communicators and admins only) or a set of departments (for
// managers: only those they manage).
import { useI18n } from '../../i18nContext';
import type { Department } from '../../types';
import { describedBy, FieldError } from '../FieldError';

interface Props {
  audienceType: 'all' | 'departments';
  departmentIds: string[];
  canTargetEveryone: boolean;
  departments: Department[];
  error?: string;
  onChange: (audienceType: 'all' | 'departments', departmentIds: string[]) => void;
}

const ERROR_ID = 'composer-audience-error';

export function AudienceField({ audienceType, departmentIds, canTargetEveryone, departments, error, onChange }: Props) {
  const { t } = useI18n();
  const invalid = error ? true : undefined;
  const showDepartments = audienceType === 'departments';
  const toggle = (id: string, checked: boolean) =>
    onChange('departments', checked ? [...departmentIds, id] : departmentIds.filter((d) => d !== id));

  return (
    <fieldset className="field" data-field="audience" aria-describedby={describedBy(error && ERROR_ID)}>
      <legend>{t('composer.audience')}</legend>
      {canTargetEveryone && (
        <div className="choices">
          <label className="choice">
            <input
              type="radio"
              name="audience-type"
              value="all"
              checked={audienceType === 'all'}
              onChange={() => onChange('all', departmentIds)}
            />
            {t('composer.audienceAll')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="audience-type"
              value="departments"
              checked={audienceType === 'departments'}
              onChange={() => onChange('departments', departmentIds)}
              aria-invalid={invalid}
              aria-describedby={describedBy(error && ERROR_ID)}
            />
            {t('composer.audienceDepartments')}
          </label>
        </div>
      )}
      {showDepartments && departments.length === 0 && <p className="muted">{t('composer.noDepartments')}</p>}
      {showDepartments && departments.length > 0 && (
        <div className="choices choices-grid" role="group" aria-label={t('composer.departments')}>
          {departments.map((d) => (
            <label key={d.id} className="choice">
              <input
                type="checkbox"
                name="departmentIds"
                value={d.id}
                data-slug={d.slug}
                checked={departmentIds.includes(d.id)}
                onChange={(e) => toggle(d.id, e.target.checked)}
                aria-invalid={invalid}
                aria-describedby={describedBy(error && ERROR_ID)}
              />
              {d.name}
            </label>
          ))}
        </div>
      )}
      <FieldError id={ERROR_ID} message={error} />
    </fieldset>
  );
}
