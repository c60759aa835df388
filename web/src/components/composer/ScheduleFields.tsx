// When it goes out and when it expires, as wall-clock times in the person's time zone, which
// is named the way people say it ("Central European Time"), not as an IANA id.
import { useI18n } from '../../i18nContext';
import { localInputToIso, timeZoneName } from '../../lib/dates';
import { FieldError } from '../FieldError';

type Field = 'scheduledAt' | 'expiresAt';

interface Props {
  scheduledAt: string;
  expiresAt: string;
  /** The zone the times are read in (undefined: the browser's). */
  zone: string | undefined;
  errors: Partial<Record<Field, string>>;
  inputProps: (field: Field, hint?: string) => Record<string, unknown>;
  onChange: (field: Field, value: string) => void;
}

export function ScheduleFields({ scheduledAt, expiresAt, zone, errors, inputProps, onChange }: Props) {
  const { t, locale } = useI18n();
  const iana = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Named for the scheduled moment (summer or winter time), else for now.
  const at = new Date(localInputToIso(scheduledAt, zone) ?? Date.now());
  return (
    <>
      <div className="field-row">
        <div className="field">
          <label htmlFor="composer-scheduledAt">{t('composer.schedule')}</label>
          <input type="datetime-local" value={scheduledAt} onChange={(e) => onChange('scheduledAt', e.target.value)} {...inputProps('scheduledAt', 'composer-tz')} />
          <FieldError id="composer-scheduledAt-error" message={errors.scheduledAt} />
        </div>
        <div className="field">
          <label htmlFor="composer-expiresAt">{t('composer.expires')}</label>
          <input type="datetime-local" value={expiresAt} onChange={(e) => onChange('expiresAt', e.target.value)} {...inputProps('expiresAt', 'composer-tz')} />
          <FieldError id="composer-expiresAt-error" message={errors.expiresAt} />
        </div>
      </div>
      <p id="composer-tz" className="hint" data-testid="composer-tz" title={iana}>
        {t('composer.timezone', { tz: timeZoneName(iana, locale, at) })}
      </p>
    </>
  );
}
