// Autosave of the composer to a server draft: a moment after the last change (debounced), only
// once there is something worth keeping (a title or a message). The draft id is the composer's
// own, so every save updates the same draft; resuming one adopts its id.
import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteDraft, newDraftId, saveDraft, type Draft } from '../../lib/drafts';
import type { ComposerValues } from '../../lib/composerForm';

export type DraftStatus = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; at: string } | { state: 'failed' };

export function useDraftAutosave(values: ComposerValues, delayMs: number) {
  const id = useRef(newDraftId());
  // What the server holds for this draft (JSON of the values), to save only real changes.
  const saved = useRef<string | null>(null);
  const stopped = useRef(false);
  // The save under way, if any: deleting must wait for it, or it would bring the draft back.
  const inFlight = useRef<Promise<unknown> | null>(null);
  const [status, setStatus] = useState<DraftStatus>({ state: 'idle' });

  useEffect(() => {
    const snapshot = JSON.stringify(values);
    if (stopped.current || snapshot === saved.current) return;
    if (saved.current === null && !values.title.trim() && !values.body.trim()) return;
    const timer = setTimeout(() => {
      if (stopped.current) return;
      const draftId = id.current;
      setStatus({ state: 'saving' });
      inFlight.current = saveDraft(draftId, values).then(
        (d) => {
          if (stopped.current || draftId !== id.current) return;
          saved.current = snapshot;
          setStatus({ state: 'saved', at: d.updatedAt });
        },
        () => !stopped.current && setStatus({ state: 'failed' }),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [values, delayMs]);

  /** The composer now edits `draft` (its values are set by the caller). */
  const adopt = useCallback((draft: Draft, as: ComposerValues) => {
    id.current = draft.id;
    saved.current = JSON.stringify(as);
    setStatus({ state: 'saved', at: draft.updatedAt });
  }, []);

  /** Published: no more saving, and the draft goes (a leftover is harmless if this fails). */
  const finish = useCallback(() => {
    stopped.current = true;
    const draftId = id.current;
    const pending = inFlight.current;
    if (saved.current === null && !pending) return;
    void Promise.resolve(pending)
      .then(() => deleteDraft(draftId))
      .catch(() => {});
  }, []);

  return { draftId: id, status, adopt, finish };
}
