// The composer: write, target, schedule, preview and publish an announcement.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../api';
import { AudienceField } from '../components/composer/AudienceField';
import { BodyField } from '../components/composer/BodyField';
import { ChannelPreviews } from '../components/composer/ChannelPreviews';
import { ChannelsField } from '../components/composer/ChannelsField';
import { ConfirmPublish } from '../components/composer/ConfirmPublish';
import { DraftList } from '../components/composer/DraftList';
import { ScheduleFields } from '../components/composer/ScheduleFields';
import { TestSend } from '../components/composer/TestSend';
import { useDraftAutosave, type DraftStatus } from '../components/composer/useDraftAutosave';
import { describedBy, FieldError } from '../components/FieldError';
import { PriorityField } from '../components/PriorityField';
import { useI18n } from '../i18nContext';
import { emptyValues, fieldOfValue, mapFieldErrors, toPayload, validate, type ComposerValues, type FieldName } from '../lib/composerForm';
import { safeTimeZone } from '../lib/dates';
import { fromDraft, type Draft } from '../lib/drafts';
import { setFlash } from '../lib/flash';
import { canTargetEveryone, targetableDepartments } from '../lib/permissions';
import { countAudience, publishWithKey } from '../lib/publish';
import { navigate } from '../lib/router';
import { useDepartments } from '../state/useDepartments';
import { CHANNELS, type Channel, type Me } from '../types';

type Errors = Partial<Record<FieldName, string>>;

/** `autosaveMs`: how long after the last change the draft is saved (tests shorten it). */
export function Composer({ me, autosaveMs = 1500 }: { me: Me; autosaveMs?: number }) {
  const { t, timeZone, formatDate } = useI18n();
  const everyone = canTargetEveryone(me);
  const { departments: all } = useDepartments();
  const departments = useMemo(() => targetableDepartments(me, all), [me, all]);
  const [values, setValues] = useState<ComposerValues>(() => emptyValues(everyone));
  const [errors, setErrors] = useState<Errors>({});
  // Messages that belong to no field (shown only in the summary, with the fields' ones).
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [focusError, setFocusError] = useState(0);
  // The server's count of the audience while the confirmation dialog is open.
  const [confirming, setConfirming] = useState<{ recipients: number } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const publishRef = useRef<HTMLButtonElement>(null);
  // One Idempotency-Key per composed message: a retry or a double click reuses it (published
  // once); it is renewed only once this message is published.
  const idempotencyKey = useRef(newIdempotencyKey());
  const zone = safeTimeZone(timeZone);
  const draft = useDraftAutosave(values, autosaveMs);

  function resume(d: Draft) {
    const resumed = fromDraft(d, emptyValues(everyone));
    setValues(resumed);
    draft.adopt(d, resumed);
    setErrors({});
    setOtherErrors([]);
  }

  // A manager of a single department has only one possible audience: pick it.
  useEffect(() => {
    const only = !everyone && departments.length === 1 ? departments[0]!.id : null;
    if (only) setValues((v) => (v.departmentIds.length ? v : { ...v, departmentIds: [only] }));
  }, [everyone, departments]);

  useEffect(() => {
    if (!focusError) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  // An error goes away as soon as its field is fixed: re-check the changed field only (others
  // keep their message until they are changed, or until the next attempt to publish).
  const update = (next: (v: ComposerValues) => ComposerValues, key: keyof ComposerValues) =>
    setValues((v) => {
      const changed = next(v);
      const field = fieldOfValue(key);
      setErrors((errs) => (errs[field] && !validate(changed, zone)[field] ? { ...errs, [field]: undefined } : errs));
      return changed;
    });
  const set = <K extends keyof ComposerValues>(key: K, value: ComposerValues[K]) => update((v) => ({ ...v, [key]: value }), key);
  // Channels the server has off (no SMTP_URL / SLACK_BOT_TOKEN) cannot be chosen.
  const isOff = (channel: Channel) => channel !== 'in_app' && me.channels?.[channel] === false;
  const toggleChannel = (channel: Channel, on: boolean) =>
    set('channels', on ? CHANNELS.filter((c) => c === channel || values.channels.includes(c)) : values.channels.filter((c) => c !== channel));

  function fail(fieldErrors: Errors, other: string[]) {
    setErrors(fieldErrors);
    setOtherErrors(other);
    setFocusError((n) => n + 1);
  }
  const summary = [...Object.values(errors).filter((m): m is string => Boolean(m)), ...otherErrors];

  /** The checks the API would make, shown at once; true when there is nothing to fix. */
  function checkLocally(): boolean {
    const local = validate(values, zone);
    if (!Object.keys(local).length) return true;
    const translated: Errors = {};
    for (const [field, key] of Object.entries(local)) if (key) translated[field as FieldName] = t(key);
    fail(translated, []);
    return false;
  }

  /** The publish button: checks, asks the server how many people this reaches, then asks. */
  async function requestPublish() {
    if (!checkLocally()) return;
    setBusy(true);
    try {
      const recipients = await countAudience(toPayload(values, zone).audience);
      setOtherErrors([]);
      setConfirming({ recipients });
    } catch (err) {
      failFromApi(err);
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    setBusy(true);
    try {
      const res = await publishWithKey(toPayload(values, zone), idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      draft.finish();
      setFlash(res.status === 'scheduled' ? t('composer.scheduled') : t('composer.published'));
      navigate(`/announcements/${encodeURIComponent(String(res.id))}`);
    } catch (err) {
      setBusy(false);
      setConfirming(null);
      failFromApi(err);
    }
  }

  function failFromApi(err: unknown) {
    if (!(err instanceof ApiError)) return fail({}, [t('common.error')]);
    if (err.code === 'idempotency_key_reused') {
      // An earlier try of this message was published after all (its answer was lost) and
      // the text has changed since: say so; publishing again makes a second announcement.
      idempotencyKey.current = newIdempotencyKey();
      return fail({}, [t('integrations.composer.alreadyPublished')]);
    }
    const { byField, other } = mapFieldErrors(err.fields);
    if (err.status === 403) {
      fail({ ...byField, audience: byField.audience ?? t('composer.forbidden') }, other);
    } else if (Object.keys(byField).length || other.length) {
      fail(byField, other);
    } else {
      fail({}, [err.status === 0 ? t('common.network') : err.message || t('common.error')]);
    }
  }

  const scheduled = Boolean(values.scheduledAt);
  const audience = values.audienceType === 'all' ? ({ type: 'all' } as const) : { type: 'departments' as const, departmentIds: values.departmentIds };
  const inputProps = (field: FieldName, hint?: string) => ({
    id: `composer-${field}`,
    name: field,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': describedBy(hint, errors[field] && `composer-${field}-error`),
  });

  return (
    <div className="composer">
      <h1>{t('composer.title')}</h1>
      <DraftList currentId={draft.draftId.current} onResume={resume} />
      {/* Enter in a field must never send: only the explicit button (then the dialog) does. */}
      <form ref={formRef} data-testid="composer-form" onSubmit={(e) => e.preventDefault()} noValidate>
        {summary.length > 0 && (
          <div className="error-summary" role="alert" data-testid="error-summary">
            <p>{t('composer.errorSummary')}</p>
            <ul>
              {summary.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="field">
          <label htmlFor="composer-title">{t('composer.fieldTitle')}</label>
          <input type="text" maxLength={200} value={values.title} onChange={(e) => set('title', e.target.value)} {...inputProps('title')} />
          <FieldError id="composer-title-error" message={errors.title} />
        </div>
        <BodyField value={values.body} error={errors.body} onChange={(v) => set('body', v)} />
        <AudienceField
          audienceType={values.audienceType}
          departmentIds={values.departmentIds}
          canTargetEveryone={everyone}
          departments={departments}
          error={errors.audience}
          onChange={(audienceType, departmentIds) => update((v) => ({ ...v, audienceType, departmentIds }), 'departmentIds')}
        />
        <ChannelsField channels={values.channels} isOff={isOff} error={errors.channels} onToggle={toggleChannel} />
        <PriorityField id="composer-priority" name="priority" value={values.priority} error={errors.priority} onChange={(p) => set('priority', p)} />
        <div className="field">
          <label className="choice" htmlFor="composer-requireAck">
            <input type="checkbox" checked={values.requireAck} onChange={(e) => set('requireAck', e.target.checked)} {...inputProps('requireAck')} />
            {t('composer.requireAck')}
          </label>
          <FieldError id="composer-requireAck-error" message={errors.requireAck} />
        </div>
        {values.requireAck && (
          <div className="field">
            <label htmlFor="composer-remindAfterHours">{t('life.composer.remind')}</label>
            <input
              type="number"
              min={1}
              max={720}
              step={1}
              inputMode="numeric"
              data-testid="composer-remind"
              value={values.remindAfterHours}
              onChange={(e) => set('remindAfterHours', e.target.value)}
              {...inputProps('remindAfterHours', 'composer-remind-hint')}
            />
            <p id="composer-remind-hint" className="hint">{t('life.composer.remindHint')}</p>
            <FieldError id="composer-remindAfterHours-error" message={errors.remindAfterHours} />
          </div>
        )}
        <ScheduleFields
          scheduledAt={values.scheduledAt}
          expiresAt={values.expiresAt}
          zone={zone}
          errors={errors}
          inputProps={inputProps}
          onChange={(field, value) => set(field, value)}
        />
        <ChannelPreviews title={values.title} body={values.body} priority={values.priority} audience={audience} />
        <TestSend payload={() => (checkLocally() ? toPayload(values, zone) : null)} />
        <div className="form-actions">
          <p className="hint" data-testid="draft-status">
            {draftStatusText(draft.status, t, formatDate)}
          </p>
          <button
            ref={publishRef}
            type="button"
            className="button-primary"
            data-testid="publish-button"
            disabled={busy}
            onClick={() => void requestPublish()}
          >
            {busy && !confirming ? t('publishing.confirm.counting') : scheduled ? t('composer.scheduleSubmit') : t('composer.publish')}
          </button>
        </div>
      </form>
      {confirming && (
        <ConfirmPublish
          recipients={confirming.recipients}
          channels={values.channels.filter((c) => !isOff(c))}
          scheduledAt={toPayload(values, zone).scheduledAt ?? null}
          busy={busy}
          onConfirm={() => void publish()}
          onCancel={() => setConfirming(null)}
          opener={publishRef}
        />
      )}
    </div>
  );
}

function draftStatusText(status: DraftStatus, t: ReturnType<typeof useI18n>['t'], formatDate: (iso: string) => string): string {
  if (status.state === 'saving') return t('publishing.draft.saving');
  if (status.state === 'saved') return t('publishing.draft.saved', { date: formatDate(status.at) });
  if (status.state === 'failed') return t('publishing.draft.saveFailed');
  return '';
}
