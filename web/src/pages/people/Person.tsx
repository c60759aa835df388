// One person: change role, departments and manager flags, language and time zone;
// deactivate or reactivate; email a new invitation.
import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18nContext';
import { href } from '../../lib/router';
import { useFetch } from '../../state/useFetch';
import type { AdminDepartment, AdminUserDetail } from '../../types';
import { AdminNav } from './AdminNav';
import { getUser, inviteUser, listDepartments, patchUser } from './api';
import { fromMemberships, toMemberships } from './DepartmentsField';
import { PersonForm, type PersonValues } from './PersonForm';

export function Person({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useFetch(() => getUser(id), [id]);
  const [user, setUser] = useState<AdminUserDetail | null>(null);
  const [departments, setDepartments] = useState<AdminDepartment[] | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => setUser(data), [data]);
  useEffect(() => {
    listDepartments().then(setDepartments, () => setDepartments([]));
  }, []);

  if (error) return <div className="admin-page"><AdminNav current="people" /><ErrorNotice error={error} onRetry={reload} /></div>;
  if (!user || departments === null) return <p role="status">{t('common.loading')}</p>;

  const initial: PersonValues = {
    email: user.email, name: user.name, role: user.role, memberships: toMemberships(user.departments),
    locale: user.locale, timezone: user.timezone, password: '',
  };

  async function save(v: PersonValues) {
    const next = await patchUser(id, { name: v.name, role: v.role, departments: fromMemberships(v.memberships), locale: v.locale, timezone: v.timezone.trim() });
    setUser({ ...user!, ...next });
    setNotice({ text: t('person.saved') });
  }

  async function act(run: () => Promise<string>) {
    setBusy(true);
    try {
      setNotice({ text: await run() });
    } catch (err) {
      const text = err instanceof ApiError && err.code === 'last_admin' ? t('person.lastAdmin') : err instanceof ApiError ? err.message : t('common.error');
      setNotice({ text, error: true });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const setActive = (active: boolean) =>
    act(async () => {
      const next = await patchUser(id, { active });
      setUser({ ...user!, ...next });
      setFormKey((k) => k + 1);
      return t(active ? 'person.reactivated' : 'person.deactivated', { name: next.name });
    });
  const invite = () => act(async () => t((await inviteUser(id)).invitationSent ? 'person.invited' : 'person.inviteOff'));

  return (
    <div className="admin-page">
      <AdminNav current="people" />
      <p><a href={href('/people')}>{t('person.back')}</a></p>
      <div className="page-head">
        <h1>{user.name}</h1>
        <span className={`tag${user.active ? '' : ' tag-inactive'}`} data-testid="person-status">{user.active ? t('person.active') : t('person.inactive')}</span>
      </div>
      <p className="muted">{user.email}{user.hasPassword === false ? ` · ${t('person.noPassword')}` : ''}</p>
      <div aria-live="polite">
        {notice && <p className={`notice ${notice.error ? 'notice-error' : 'notice-success'}`} data-testid="person-notice">{notice.text}</p>}
      </div>
      <PersonForm key={`${user.id}-${formKey}`} mode="edit" initial={initial} departments={departments} onSubmit={save} />
      <section className="panel" aria-labelledby="person-account">
        <h2 id="person-account">{t('person.account')}</h2>
        <div className="button-row">
          {user.active && !confirming && (
            <button type="button" className="button-danger" disabled={busy} onClick={() => setConfirming(true)} data-testid="deactivate">
              {t('person.deactivate')}
            </button>
          )}
          {!user.active && (
            <button type="button" disabled={busy} onClick={() => void setActive(true)} data-testid="reactivate">
              {t('person.reactivate')}
            </button>
          )}
          {user.active && (
            <button type="button" disabled={busy} onClick={() => void invite()} data-testid="invite">
              {t('person.invite')}
            </button>
          )}
        </div>
        {confirming && (
          <div role="alertdialog" aria-labelledby="deactivate-question" className="notice">
            <p id="deactivate-question">{t('person.deactivateConfirm', { name: user.name })}</p>
            <div className="button-row">
              <button type="button" className="button-danger" autoFocus disabled={busy} onClick={() => void setActive(false)} data-testid="deactivate-yes">
                {t('person.deactivateYes')}
              </button>
              <button type="button" className="button-quiet" onClick={() => setConfirming(false)}>
                {t('person.cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
