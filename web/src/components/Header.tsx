// Page header: brand, main navigation (with the unread badge), language and sign-out.
import { useI18n } from '../i18nContext';
import { canCompose, canSeeAnnouncements } from '../lib/permissions';
import { href, type Route } from '../lib/router';
import type { ReactNode } from 'react';
import type { Me } from '../types';
import { LanguageSwitch } from './LanguageSwitch';

interface HeaderProps {
  me?: Me;
  route?: Route;
  unreadCount?: number;
  onSignOut?: () => void;
  /** More skip links, right after "Skip to content" (e.g. to the toasts). */
  skipLinks?: ReactNode;
}

export function Header({ me, route, unreadCount = 0, onSignOut, skipLinks }: HeaderProps) {
  const { t } = useI18n();
  const current = (names: Route['name'][]) => (route && names.includes(route.name) ? 'page' : undefined);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app.skip')}
      </a>
      {skipLinks}
      <div className="header-inner">
        <a className="brand" href={href('/inbox')}>
          {t('app.name')}
        </a>
        {me && (
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              <li>
                <a href={href('/inbox')} aria-current={current(['inbox'])}>
                  {t('nav.inbox')}{' '}
                  <span
                    className={`badge${unreadCount > 0 ? '' : ' badge-zero'}`}
                    data-testid="unread-badge"
                    data-count={unreadCount}
                    aria-hidden="true"
                  >
                    {unreadCount}
                  </span>
                  <span className="visually-hidden">({t('header.unread', { count: unreadCount })})</span>
                </a>
              </li>
              {canCompose(me) && (
                <li>
                  <a href={href('/compose')} aria-current={current(['compose'])}>
                    {t('nav.compose')}
                  </a>
                </li>
              )}
              {canSeeAnnouncements(me) && (
                <li>
                  <a href={href('/announcements')} aria-current={current(['announcements', 'announcement'])}>
                    {t('nav.announcements')}
                  </a>
                </li>
              )}
              <li>
                <a href={href('/preferences')} aria-current={current(['preferences'])} data-testid="nav-preferences">
                  {t('life.nav.preferences')}
                </a>
              </li>
              {me.role === 'admin' && (
                <li>
                  <a href={href('/people')} aria-current={current(['people', 'newPerson', 'person', 'departments', 'import', 'audit'])} data-testid="nav-people">
                    {t('nav.people')}
                  </a>
                </li>
              )}
              {me.role === 'admin' && (
                <li>
                  <a href={href('/admin/api-keys')} aria-current={current(['apiKeys'])}>
                    {t('integrations.nav.apiKeys')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          <LanguageSwitch />
          {me && (
            <>
              <span className="user-name">{me.name}</span>
              <button type="button" className="button-quiet" data-testid="sign-out" onClick={onSignOut}>
                {t('header.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
