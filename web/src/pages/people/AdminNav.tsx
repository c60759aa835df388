// The administration pages' own navigation: People, Departments, Import, Audit log.
import { useI18n } from '../../i18nContext';
import { href } from '../../lib/router';
import type { MessageKey } from '../../i18n';
import './people.css';

const LINKS: { page: AdminPage; path: string; key: MessageKey }[] = [
  { page: 'people', path: '/people', key: 'admin.people' },
  { page: 'departments', path: '/departments', key: 'admin.departments' },
  { page: 'import', path: '/import', key: 'admin.import' },
  { page: 'audit', path: '/audit', key: 'admin.audit' },
];
export type AdminPage = 'people' | 'departments' | 'import' | 'audit';

export function AdminNav({ current }: { current: AdminPage }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('admin.nav')} className="admin-nav">
      <ul>
        {LINKS.map((l) => (
          <li key={l.page}>
            <a href={href(l.path)} aria-current={l.page === current ? 'page' : undefined}>
              {t(l.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
