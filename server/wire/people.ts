// People as the API shows them: who is signed in (/api/me), departments, preferences.
import type { EmailPreference, Locale, Role } from './enums.js';

export interface Department {
  id: string;
  slug: string;
  name: string;
}

export interface MyDepartment extends Department {
  isManager: boolean;
}

/** GET/PATCH /api/me, and the login response's `user`. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  timezone: string;
  departments: MyDepartment[];
  /** Which delivery channels the server has on: GET/PATCH /api/me carry it, login's `user` does not. */
  channels?: { email: boolean; slack: boolean };
}

/** GET/PATCH /api/me/preferences. */
export interface Preferences {
  /** all | important (high and urgent only) | digest (normal ones once a day) | none. */
  email: EmailPreference;
  /** "HH:MM" in the person's time zone; null: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  desktop: boolean;
}
