// Desktop notifications (the browser's Notification API) for new announcements, shown only
// when the person opted in (preferences `desktop`), allowed the site, and Heraldo's tab is
// hidden: a visible tab already shows its toast. Several hidden tabs show one notification
// between them: the browser replaces a notification of the same `tag`.
import type { Notification as HeraldoNotification } from '../types';

type Permission = 'default' | 'denied' | 'granted';

/** The Notification constructor, when this browser has one. */
function api(): (typeof globalThis)['Notification'] | null {
  return typeof globalThis !== 'undefined' && 'Notification' in globalThis ? globalThis.Notification : null;
}

export function desktopSupported(): boolean {
  return api() !== null;
}

export function desktopPermission(): Permission | 'unsupported' {
  return api()?.permission ?? 'unsupported';
}

/** Asks the browser (once it has a user gesture to show the prompt). */
export async function requestDesktopPermission(): Promise<Permission | 'unsupported'> {
  const N = api();
  if (!N) return 'unsupported';
  if (N.permission !== 'default') return N.permission;
  return N.requestPermission();
}

/** The text of sanitized HTML, cut for a notification's body. */
export function plainExcerpt(html: string, max = 140): string {
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface DesktopContext {
  enabled: boolean;
  hidden: boolean;
  onOpen: (id: string) => void;
}

/** Shows `n` on the desktop if every condition holds; returns whether it did. */
export function notifyDesktop(n: HeraldoNotification, ctx: DesktopContext): boolean {
  const N = api();
  if (!N || !ctx.enabled || !ctx.hidden || N.permission !== 'granted') return false;
  const title = n.priority === 'urgent' ? `⚠ ${n.title}` : n.title;
  const shown = new N(title, { body: plainExcerpt(n.bodyHtml ?? ''), tag: `heraldo-${n.id}` });
  shown.onclick = () => {
    window.focus();
    ctx.onOpen(n.id);
    shown.close();
  };
  return true;
}
