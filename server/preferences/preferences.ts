// What each person chooses about their email and desktop notifications.
import type { Db } from '../db/client.js';
import type { EmailPreference } from '../db/generated/enums.js';
import type { Preferences } from '../wire/index.js';

/** GET/PATCH /api/me/preferences: the shared wire type. */
export type { Preferences } from '../wire/index.js';

export type PreferencesPatch = Partial<Preferences>;

const select = { emailPreference: true, quietHoursStart: true, quietHoursEnd: true, desktopNotifications: true } as const;

function toPreferences(u: { emailPreference: EmailPreference; quietHoursStart: string | null; quietHoursEnd: string | null; desktopNotifications: boolean }): Preferences {
  return {
    email: u.emailPreference,
    quietHours: u.quietHoursStart && u.quietHoursEnd ? { start: u.quietHoursStart, end: u.quietHoursEnd } : null,
    desktop: u.desktopNotifications,
  };
}

export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  return toPreferences(await db.user.findUniqueOrThrow({ where: { id: userId }, select }));
}

/** Changes only what `patch` names. Emails already held keep the time they were given. */
export async function updatePreferences(db: Db, userId: string, patch: PreferencesPatch): Promise<Preferences> {
  const data = {
    ...(patch.email !== undefined ? { emailPreference: patch.email } : {}),
    ...(patch.quietHours !== undefined ? { quietHoursStart: patch.quietHours?.start ?? null, quietHoursEnd: patch.quietHours?.end ?? null } : {}),
    ...(patch.desktop !== undefined ? { desktopNotifications: patch.desktop } : {}),
  };
  return toPreferences(await db.user.update({ where: { id: userId }, data, select }));
}
