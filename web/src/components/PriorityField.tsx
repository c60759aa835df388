// The priority of an announcement, as the composer and the edit form both ask for it: one
// label, the three priorities in the reader's language, and the field's error tied to it.
import { useI18n } from '../i18nContext';
import { PRIORITIES, type Priority } from '../types';
import { describedBy, FieldError } from './FieldError';

interface Props {
  /** The select's id; its error is `<id>-error`. */
  id: string;
  /** The form field name (the composer's fields carry one). */
  name?: string;
  value: Priority;
  error?: string;
  onChange: (priority: Priority) => void;
}

export function PriorityField({ id, name, value, error, onChange }: Props) {
  const { t } = useI18n();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{t('priority.label')}</label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value as Priority)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && errorId)}
      >
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`priority.${p}`)}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
