// A tiny hash router: #/inbox, #/inbox/<id>, #/compose, #/announcements, #/announcements/<id>.
// Hash routes need no server-side fallback for deep links.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'inbox'; openId?: string }
  | { name: 'compose' }
  | { name: 'announcements' }
  | { name: 'announcement'; id: string }
  | { name: 'apiKeys' }
  | { name: 'people' }
  | { name: 'newPerson' }
  | { name: 'person'; id: string }
  | { name: 'departments' }
  | { name: 'import' }
  | { name: 'audit' }
  | { name: 'setPassword' }
  | { name: 'preferences' }
  | { name: 'notFound' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '');
  const [first, second, ...rest] = path.split('/').map((s) => decodeURIComponent(s));
  if (rest.length) return { name: 'notFound' };
  if (!first || first === 'inbox') return second ? { name: 'inbox', openId: second } : { name: 'inbox' };
  if (first === 'compose' && !second) return { name: 'compose' };
  if (first === 'announcements') return second ? { name: 'announcement', id: second } : { name: 'announcements' };
  if (first === 'admin' && second === 'api-keys') return { name: 'apiKeys' };
  if (first === 'people') return !second ? { name: 'people' } : second === 'new' ? { name: 'newPerson' } : { name: 'person', id: second };
  if (!second && (first === 'departments' || first === 'import' || first === 'audit')) return { name: first };
  if (first === 'set-password' && !second) return { name: 'setPassword' };
  if (first === 'preferences' && !second) return { name: 'preferences' };
  return { name: 'notFound' };
}

/**
 * Links from email and Slack use real paths (e.g. https://heraldo.example/inbox/42); the
 * server answers every path with index.html, and here such a path becomes its hash route.
 */
export function adoptPathRoute(location: Pick<Location, 'pathname' | 'hash' | 'search'> = window.location): string | null {
  if (location.hash && location.hash !== '#') return null;
  if (!/^\/(inbox|compose|announcements|set-password|preferences)(\/|$)/.test(location.pathname)) return null;
  const target = `/${location.search}#${location.pathname.replace(/\/+$/, '')}`;
  if (typeof window !== 'undefined' && location === window.location) window.history.replaceState(null, '', target);
  return target;
}

export function href(path: string): string {
  return `#${path.startsWith('/') ? path : `/${path}`}`;
}

export function navigate(path: string): void {
  const target = href(path);
  if (window.location.hash !== target) window.location.hash = target;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
