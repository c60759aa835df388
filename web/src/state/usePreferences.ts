// The signed-in person's preferences, read once and shared: the Preferences page edits them,
// the realtime wiring reads `desktop`.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import type { Preferences } from '../types';

export interface PreferencesStore {
  preferences: Preferences | null;
  /** After a successful save: the server's answer. */
  replace: (p: Preferences) => void;
}

export function usePreferences(): PreferencesStore {
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  useEffect(() => {
    let live = true;
    api.get<Preferences>('/api/me/preferences').then(
      (p) => live && setPreferences(p),
      () => {}, // an older server, or offline: no desktop notifications until it answers
    );
    return () => {
      live = false;
    };
  }, []);
  const replace = useCallback((p: Preferences) => setPreferences(p), []);
  return { preferences, replace };
}
