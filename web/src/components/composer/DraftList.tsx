// "Your drafts": the signed-in person's saved drafts, to resume or delete. The one being edited
// is not listed.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18nContext';
import { deleteDraft, listDrafts, type Draft } from '../../lib/drafts';

interface Props {
  currentId: string;
  onResume: (draft: Draft) => void;
}

export function DraftList({ currentId, onResume }: Props) {
  const { t, formatDate } = useI18n();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState(false);

  useEffect(() => {
    let live = true;
    listDrafts().then(
      (items) => live && setDrafts(Array.isArray(items) ? items : []),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, []);

  async function remove(draft: Draft) {
    try {
      await deleteDraft(draft.id);
      setDrafts((list) => list.filter((d) => d.id !== draft.id));
    } catch {
      setError(true);
    }
  }

  const shown = drafts.filter((d) => d.id !== currentId);
  if (!shown.length && !error) return null;
  return (
    <section className="draft-list" aria-labelledby="draft-list-title" data-testid="draft-list">
      <h2 id="draft-list-title">{t('publishing.drafts.title')}</h2>
      {error && <p className="field-error">{t('publishing.drafts.failed')}</p>}
      <ul>
        {shown.map((d) => (
          <li key={d.id} data-testid="draft-item">
            <span className="draft-name">{d.title.trim() || t('publishing.drafts.untitled')}</span>{' '}
            <span className="muted">{t('publishing.drafts.updated', { date: formatDate(d.updatedAt) })}</span>
            <span className="button-row">
              <button
                type="button"
                data-testid="draft-resume"
                aria-label={t('publishing.drafts.resumeNamed', { title: d.title.trim() || t('publishing.drafts.untitled') })}
                onClick={() => {
                  setDrafts((list) => list.filter((x) => x.id !== d.id));
                  onResume(d);
                }}
              >
                {t('publishing.drafts.resume')}
              </button>
              <button
                type="button"
                className="button-quiet"
                data-testid="draft-delete"
                aria-label={t('publishing.drafts.deleteNamed', { title: d.title.trim() || t('publishing.drafts.untitled') })}
                onClick={() => void remove(d)}
              >
                {t('publishing.drafts.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
