// What the author and staff may do with an announcement after it went out: edit it, retract
// it (with a second step), remind those who have not confirmed, download its recipients.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18nContext';
import { localInputToIso, safeTimeZone } from '../../lib/dates';
import type { AnnouncementDetail, Priority } from '../../types';
import { ConfirmedAction } from '../ConfirmedAction';
import { describedBy, FieldError } from '../FieldError';
import { PriorityField } from '../PriorityField';

/** An ISO instant as a datetime-local value in `timeZone` ("2026-12-01T09:30"). */
export function isoToLocalInput(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: safeTimeZone(timeZone), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const message = (err: unknown, fallback: string) => (err instanceof ApiError && err.message ? err.message : fallback);

export function EditAnnouncement({ a, onDone }: { a: AnnouncementDetail; onDone: () => void }) {
  const { t, timeZone } = useI18n();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(a.title);
  const [body, setBody] = useState(a.body);
  const [priority, setPriority] = useState<Priority>(a.priority);
  const [expires, setExpires] = useState(isoToLocalInput(a.expiresAt, timeZone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  function start() {
    setTitle(a.title);
    setBody(a.body);
    setPriority(a.priority);
    setExpires(isoToLocalInput(a.expiresAt, timeZone));
    setErrors({});
    setDone(false);
    setOpen(true);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    // Only what changed: an unchanged field is not sent.
    const patch: Record<string, unknown> = {};
    if (title.trim() !== a.title) patch.title = title.trim();
    if (body !== a.body) patch.body = body;
    if (priority !== a.priority) patch.priority = priority;
    const expiresAt = expires ? localInputToIso(expires, timeZone) : null;
    if (expires && !expiresAt) return setErrors({ expiresAt: t('validation.date') });
    if (expires !== isoToLocalInput(a.expiresAt, timeZone)) patch.expiresAt = expiresAt;
    if (Object.keys(patch).length === 0) return setOpen(false);
    setBusy(true);
    setErrors({});
    try {
      await api.patch(`/api/announcements/${encodeURIComponent(a.id)}`, patch);
      setOpen(false);
      setDone(true);
      onDone();
    } catch (err) {
      setErrors(err instanceof ApiError && Object.keys(err.fields).length ? err.fields : { _: message(err, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <>
        <button type="button" data-testid="edit-button" onClick={start}>
          {t('life.ann.edit')}
        </button>
        {done && (
          <p className="notice notice-success" role="status" data-testid="edit-saved">
            {t('life.ann.saved')}
          </p>
        )}
      </>
    );
  }
  return (
    <form className="edit-announcement notice" aria-labelledby="edit-title" onSubmit={(e) => void save(e)} noValidate data-testid="edit-form">
      <h2 id="edit-title">{t('life.ann.editTitle')}</h2>
      <p className="hint">{t('life.ann.editHint')}</p>
      <div className="field">
        <label htmlFor="edit-title-input">{t('life.ann.fieldTitle')}</label>
        <input id="edit-title-input" data-testid="edit-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy(errors.title && 'edit-title-error')} />
        <FieldError id="edit-title-error" message={errors.title} />
      </div>
      <div className="field">
        <label htmlFor="edit-body-input">{t('life.ann.fieldBody')}</label>
        <textarea id="edit-body-input" data-testid="edit-body" rows={8} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={describedBy(errors.body && 'edit-body-error')} />
        <FieldError id="edit-body-error" message={errors.body} />
      </div>
      <div className="field-row">
        <PriorityField id="edit-priority" value={priority} error={errors.priority} onChange={setPriority} />
        <div className="field">
          <label htmlFor="edit-expires">{t('life.ann.fieldExpires')}</label>
          <input id="edit-expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} aria-describedby={describedBy(errors.expiresAt && 'edit-expires-error')} />
          <FieldError id="edit-expires-error" message={errors.expiresAt} />
        </div>
      </div>
      {(errors._ || errors['']) && (
        <p className="field-error" role="alert">
          {errors._ || errors['']}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" data-testid="edit-save" disabled={busy}>
          {t('life.ann.save')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('life.ann.discard')}
        </button>
      </div>
    </form>
  );
}

export function RetractAnnouncement({ id, onDone }: { id: string; onDone: () => void }) {
  return (
    <ConfirmedAction
      name="retract"
      labels={{ action: 'life.ann.retract', question: 'life.ann.retractConfirm', yes: 'life.ann.retractYes', no: 'life.ann.retractNo' }}
      run={() => api.post(`/api/announcements/${encodeURIComponent(id)}/retract`)}
      onDone={onDone}
    />
  );
}

export function RemindNow({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  async function remind() {
    setBusy(true);
    setResult(null);
    try {
      const res = await api.post<{ reminded: number }>(`/api/announcements/${encodeURIComponent(id)}/remind`);
      setResult({ ok: true, text: t('life.ann.reminded', { count: res.reminded }) });
      onDone();
    } catch (err) {
      const tooSoon = err instanceof ApiError && err.status === 429;
      setResult({ ok: false, text: tooSoon ? t('life.ann.remindTooSoon') : message(err, t('common.error')) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" data-testid="remind-button" disabled={busy} onClick={() => void remind()} aria-describedby="remind-hint">
        {t('life.ann.remind')}
      </button>
      <span id="remind-hint" className="visually-hidden">
        {t('life.ann.remindHint')}
      </span>
      {result && (
        <p className={`notice ${result.ok ? 'notice-success' : 'notice-error'}`} role="status" data-testid="remind-result">
          {result.text}
        </p>
      )}
    </>
  );
}

/** The announcement's after-publication tools, as its status allows. */
export function AnnouncementLife({ a, onDone }: { a: AnnouncementDetail; onDone: () => void }) {
  const { t, formatDate } = useI18n();
  const csv = `/api/announcements/${encodeURIComponent(a.id)}/recipients.csv`;
  return (
    <div className="announcement-life">
      {a.status === 'retracted' && (
        <p className="notice" role="status" data-testid="retracted-notice">
          {t('life.ann.retracted', { date: formatDate(a.retractedAt ?? null) })}
        </p>
      )}
      {a.status === 'published' && (
        <div className="button-row">
          <EditAnnouncement a={a} onDone={onDone} />
          {a.requireAck && <RemindNow id={a.id} onDone={onDone} />}
          <RetractAnnouncement id={a.id} onDone={onDone} />
        </div>
      )}
      {(a.reminderRounds ?? 0) > 0 && <p className="meta">{t('life.ann.reminders', { count: a.reminderRounds ?? 0 })}</p>}
      {a.status === 'published' && a.remindDueAt && <p className="meta">{t('life.ann.nextReminder', { date: formatDate(a.remindDueAt) })}</p>}
      {a.status !== 'scheduled' && a.status !== 'cancelled' && (
        <p>
          <a href={csv} download data-testid="recipients-csv">
            {t('life.ann.export')}
          </a>
        </p>
      )}
    </div>
  );
}
