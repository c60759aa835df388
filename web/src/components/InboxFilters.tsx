import { useId } from 'react';
import { useI18n } from '../i18nContext';
import type { InboxFilter, InboxFilterKind } from '../state/inbox';
import type { Department } from '../types';

interface Props {
  filter: InboxFilter;
  departments: Department[];
  onChange: (filter: InboxFilter) => void;
}

const KINDS: { kind: InboxFilterKind; key: 'inbox.filter.all' | 'inbox.filter.unread' | 'inbox.filter.ack' }[] = [
  { kind: 'all', key: 'inbox.filter.all' },
  { kind: 'unread', key: 'inbox.filter.unread' },
  { kind: 'ack_required', key: 'inbox.filter.ack' },
];

export function InboxFilters({ filter, departments, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  return (
    <form className="filters" aria-label={t('inbox.filters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="segmented">
        <legend>{t('inbox.show')}</legend>
        {KINDS.map(({ kind, key }) => (
          <label key={kind} className={filter.kind === kind ? 'is-selected' : undefined}>
            <input
              type="radio"
              name="inbox-filter"
              value={kind}
              data-testid={`filter-${kind}`}
              checked={filter.kind === kind}
              onChange={() => onChange({ ...filter, kind })}
            />
            {t(key)}
          </label>
        ))}
      </fieldset>
      <div className="field field-inline">
        <label htmlFor={id}>{t('inbox.department')}</label>
        <select
          id={id}
          data-testid="filter-department"
          value={filter.department}
          onChange={(e) => onChange({ ...filter, department: e.target.value })}
        >
          <option value="">{t('inbox.allDepartments')}</option>
          {departments.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
