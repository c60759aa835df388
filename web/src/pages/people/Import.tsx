// Importing people from a CSV: choose a file or paste it, check it (a dry run that shows what
// each row would do and every problem with its line), then import exactly what was checked.
import { useState } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18nContext';
import type { MessageKey } from '../../i18n';
import type { ImportCounts, ImportResult } from '../../types';
import { AdminNav } from './AdminNav';
import { importCsv } from './api';

const SHOWN_ROWS = 500;

export function Import() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [invite, setInvite] = useState(false);
  const [busy, setBusy] = useState<'check' | 'run' | null>(null);
  // What was checked: a dry run's answer, or a refused file's (both carry counts and errors).
  const [checked, setChecked] = useState<{ text: string; ok: boolean; result: ImportCounts } | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setText(await file.text());
    setChecked(null);
    setDone(null);
    setMessage(null);
  }

  async function send(dryRun: boolean) {
    if (!text.trim()) {
      setMessage({ text: t('import.empty'), error: true });
      return;
    }
    setBusy(dryRun ? 'check' : 'run');
    setMessage(null);
    try {
      const { ok, result } = await importCsv(text, { dryRun, invite });
      const n = result.errorCount ?? result.errors.length;
      if (dryRun || !ok) setChecked({ text, ok, result });
      if (!ok) setMessage({ text: t('import.invalid', { count: n }), error: true });
      else if (dryRun) setMessage({ text: t('import.summary', { created: result.created, updated: result.updated, unchanged: result.unchanged }) });
      else {
        setDone(result);
        setChecked(null);
        setMessage({ text: t('import.done', { created: result.created, updated: result.updated, unchanged: result.unchanged }) });
      }
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? (err.status === 0 ? t('common.network') : err.message) : t('common.error'), error: true });
    } finally {
      setBusy(null);
    }
  }

  const stale = checked !== null && checked.text !== text;
  const canRun = checked?.ok === true && !stale && busy === null;
  const result = checked?.result;
  const rows = result?.rows ?? [];
  const actionKey = (a: string): MessageKey => (a === 'create' ? 'import.create' : a === 'update' ? 'import.update' : 'import.unchanged');

  return (
    <div className="admin-page">
      <AdminNav current="import" />
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>
      <div className="field">
        <label htmlFor="import-file">{t('import.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor="import-text">{t('import.paste')}</label>
        <textarea id="import-text" className="import-text" rows={10} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)}
          placeholder="email,name,role,departments,manager_of,locale,timezone" />
      </div>
      <label className="choice">
        <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.target.checked)} />
        {t('import.invite')}
      </label>
      <div className="button-row">
        <button type="button" disabled={busy !== null} onClick={() => void send(true)} data-testid="import-check">
          {busy === 'check' ? t('import.checking') : t('import.check')}
        </button>
        <button type="button" className="button-primary" disabled={!canRun} onClick={() => void send(false)} data-testid="import-run">
          {busy === 'run' ? t('import.running') : t('import.run')}
        </button>
      </div>
      <div aria-live="polite" data-testid="import-message">
        {message && <p className={`notice ${message.error ? 'notice-error' : 'notice-success'}`}>{message.text}</p>}
        {stale && <p className="notice">{t('import.changed')}</p>}
      </div>
      {result && result.errors.length > 0 && (
        <section>
          <h2 id="import-errors">{t('import.errors')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="import-errors">
            <table className="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('import.colLine')}</th>
                  <th scope="col">{t('import.colField')}</th>
                  <th scope="col">{t('import.colMessage')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={`${e.line}-${e.field}-${i}`}>
                    <td className="num">{e.line}</td>
                    <td><code>{e.field}</code></td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {rows.length > 0 && (
        <section>
          <h2 id="import-rows">{t('import.rows')}</h2>
          {rows.length > SHOWN_ROWS && <p className="muted">{t('import.more', { shown: SHOWN_ROWS, total: rows.length })}</p>}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="import-rows">
            <table className="table" data-testid="import-rows">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('import.colLine')}</th>
                  <th scope="col">{t('import.colEmail')}</th>
                  <th scope="col">{t('import.colAction')}</th>
                  <th scope="col">{t('import.colChanges')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN_ROWS).map((r) => (
                  <tr key={r.line} data-action={r.action}>
                    <td className="num">{r.line}</td>
                    <td>{r.email}</td>
                    <td>{t(actionKey(r.action))}</td>
                    <td>{r.changes.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {done && done.invitationsSent ? <p className="muted">{t('person.invited')}</p> : null}
    </div>
  );
}
