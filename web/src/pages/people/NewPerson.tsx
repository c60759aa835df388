// Adding one person; without a password they are invited by email to choose one.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18nContext';
import { setFlash } from '../../lib/flash';
import { href, navigate } from '../../lib/router';
import type { AdminDepartment } from '../../types';
import { AdminNav } from './AdminNav';
import { createUser, listDepartments } from './api';
import { fromMemberships } from './DepartmentsField';
import { PersonForm, type PersonValues } from './PersonForm';

export function NewPerson() {
  const { t, locale } = useI18n();
  const [departments, setDepartments] = useState<AdminDepartment[] | null>(null);
  useEffect(() => {
    listDepartments().then(setDepartments, () => setDepartments([]));
  }, []);
  const initial: PersonValues = {
    email: '', name: '', role: 'employee', memberships: {}, locale,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', password: '',
  };

  async function submit(v: PersonValues) {
    const created = await createUser({
      email: v.email.trim(), name: v.name, role: v.role, departments: fromMemberships(v.memberships), locale: v.locale,
      timezone: v.timezone.trim(), ...(v.password ? { password: v.password } : {}),
    });
    setFlash(t(created.invitationSent ? 'person.createdInvited' : 'person.created', { name: created.name }));
    navigate('/people');
  }

  return (
    <div className="admin-page">
      <AdminNav current="people" />
      <p><a href={href('/people')}>{t('person.back')}</a></p>
      <h1>{t('person.newTitle')}</h1>
      {departments === null ? <p role="status">{t('common.loading')}</p> : <PersonForm mode="create" initial={initial} departments={departments} onSubmit={submit} />}
    </div>
  );
}
