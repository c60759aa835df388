// Everything behind sign-in: header, connection banner, the current page, toasts.
import { useCallback, useEffect, useRef } from 'react';
import { ConnectionStatus } from './components/ConnectionStatus';
import { Header } from './components/Header';
import { LanguageNote } from './components/LanguageNote';
import { Toasts, ToastSkipLink } from './components/Toasts';
import { useI18n } from './i18nContext';
import { focusPageHeading } from './lib/focus';
import { canCompose, canSeeAnnouncements } from './lib/permissions';
import { navigate, useRoute } from './lib/router';
import { Announcement } from './pages/Announcement';
import { Announcements } from './pages/Announcements';
import { ApiKeys } from './pages/ApiKeys';
import { Composer } from './pages/Composer';
import { Inbox } from './pages/Inbox';
import { Preferences } from './pages/Preferences';
import { Audit } from './pages/people/Audit';
import { Departments } from './pages/people/Departments';
import { Import } from './pages/people/Import';
import { NewPerson } from './pages/people/NewPerson';
import { People } from './pages/people/People';
import { Person } from './pages/people/Person';
import { DEFAULT_FILTER } from './state/inbox';
import { useInboxStore } from './state/useInbox';
import { usePreferences } from './state/usePreferences';
import { useRealtime } from './state/useRealtime';
import { useToasts } from './state/useToasts';
import type { Me } from './types';

interface Props {
  me: Me;
  onSignOut: () => void;
  onUnauthorized: () => void;
  /** Signed in through the form just now: focus starts on the page's heading, not `<body>`. */
  arrivedFromSignIn?: boolean;
}

export function unreadTitle(count: number): string {
  return count > 0 ? `(${count}) Heraldo` : 'Heraldo';
}

function Message({ text }: { text: string }) {
  return <p className="notice">{text}</p>;
}

export function SignedInApp({ me, onSignOut, onUnauthorized, arrivedFromSignIn = false }: Props) {
  const { t } = useI18n();
  const route = useRoute();
  const inbox = useInboxStore();
  const toasts = useToasts();
  const prefs = usePreferences();
  const openNotification = useCallback((id: string) => navigate(`/inbox/${encodeURIComponent(id)}`), []);
  const connection = useRealtime({ inbox, onToast: toasts.push, onUnauthorized, desktop: prefs.preferences?.desktop ?? false, onOpen: openNotification });
  const { unreadCount } = inbox.state;
  const { setFilter } = inbox;

  useEffect(() => {
    setFilter(DEFAULT_FILTER);
  }, [setFilter]);

  useEffect(() => {
    document.title = unreadTitle(unreadCount);
  }, [unreadCount]);
  useEffect(() => () => void (document.title = 'Heraldo'), []);

  // After in-app navigation, move focus to the page (unless the page already placed it).
  const routeKey = JSON.stringify(route);
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      // The sign-in form that held focus is gone; a fresh page load keeps the browser's start.
      if (arrivedFromSignIn) focusPageHeading();
      return;
    }
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [routeKey, arrivedFromSignIn]);

  const openFromToast = useCallback(
    (id: string) => {
      toasts.dismiss(id);
      navigate(`/inbox/${encodeURIComponent(id)}`);
    },
    [toasts],
  );

  let page;
  switch (route.name) {
    case 'inbox':
      page = <Inbox me={me} store={inbox} openId={route.openId} />;
      break;
    case 'preferences':
      page = <Preferences me={me} preferences={prefs.preferences} onSaved={prefs.replace} />;
      break;
    case 'compose':
      page = canCompose(me) ? <Composer me={me} /> : <Message text={t('common.forbidden')} />;
      break;
    case 'announcements':
      page = canSeeAnnouncements(me) ? <Announcements /> : <Message text={t('common.forbidden')} />;
      break;
    case 'announcement':
      page = canSeeAnnouncements(me) ? <Announcement id={route.id} /> : <Message text={t('common.forbidden')} />;
      break;
    case 'apiKeys':
      page = me.role === 'admin' ? <ApiKeys /> : <Message text={t('common.forbidden')} />;
      break;
    // People, departments, import, audit: admins only (the API refuses everyone else too).
    case 'people':
    case 'newPerson':
    case 'person':
    case 'departments':
    case 'import':
    case 'audit': {
      const admin = me.role === 'admin';
      const pages = { people: <People />, newPerson: <NewPerson />, departments: <Departments />, import: <Import />, audit: <Audit /> };
      page = !admin ? <Message text={t('common.forbidden')} /> : route.name === 'person' ? <Person id={route.id} /> : pages[route.name];
      break;
    }
    default:
      page = <Message text={t('common.notFound')} />;
  }

  return (
    <>
      <Header
        me={me}
        route={route}
        unreadCount={unreadCount}
        onSignOut={onSignOut}
        skipLinks={<ToastSkipLink count={toasts.toasts.length} />}
      />
      <ConnectionStatus state={connection} />
      <main id="main" tabIndex={-1} className="main">
        <LanguageNote userId={me.id} accountLocale={me.locale} />
        {page}
      </main>
      <Toasts toasts={toasts.toasts} onDismiss={toasts.dismiss} onOpen={openFromToast} />
    </>
  );
}
