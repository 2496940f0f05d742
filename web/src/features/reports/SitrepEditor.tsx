import { useState } from 'react';
import type { Sitrep } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { sitrepApi } from './sitrepApi';

interface Props {
  sitrep: Sitrep;
  onSaved(next: Sitrep): void;
}

/** A draft's title and sections as editable text; released reports are shown, not edited. */
export function SitrepEditor({ sitrep, onSaved }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [title, setTitle] = useState(sitrep.title);
  const [sections, setSections] = useState(sitrep.sections);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draft = sitrep.status === 'draft';
  const run = async (what: string, call: () => Promise<Sitrep>) => {
    setBusy(what);
    setError(null);
    try {
      onSaved(await call());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="sitrep-editor" data-testid="sitrep-editor" data-status={sitrep.status}>
      {draft ? (
        <input className="sitrep-title" data-testid="sitrep-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-label={t('sitrep.title')} />
      ) : (
        <h4>{sitrep.title}</h4>
      )}
      {sections.map((s, k) => (
        <label key={s.key} className="sitrep-section">
          <span>{s.heading}</span>
          {draft ? (
            <textarea data-testid={`sitrep-section-${s.key}`} rows={Math.min(10, Math.max(2, s.body.split('\n').length))} value={s.body} onChange={(e) => setSections(sections.map((x, n) => (n === k ? { ...x, body: e.target.value } : x)))} />
          ) : (
            <p className="sitrep-body">{s.body}</p>
          )}
          {s.key === 'command' && sitrep.tasks.length > 0 && (
            // task orders are listed apart from the text: each reader is sent only those they may read
            <ul className="sitrep-tasks" data-testid="sitrep-tasks" aria-label={t('sitrep.tasks')}>
              {sitrep.tasks.map((task) => (
                <li key={task.id}>{task.text}</li>
              ))}
            </ul>
          )}
        </label>
      ))}
      <div className="sitrep-actions">
        {draft && (
          <>
            <button type="button" className="btn" data-testid="sitrep-save" disabled={busy !== null} onClick={() => void run('save', () => sitrepApi.edit(sitrep.id, title, sections))}>
              {t('sitrep.save')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="sitrep-release" disabled={busy !== null} onClick={() => void run('release', async () => sitrepApi.release((await sitrepApi.edit(sitrep.id, title, sections)).id))}>
              {t('sitrep.release')}
            </button>
          </>
        )}
        <a className="btn btn-quiet" data-testid="sitrep-pdf" href={sitrepApi.exportUrl(sitrep.id, 'pdf')} download>
          {t('sitrep.pdf')}
        </a>
        <a className="btn btn-quiet" data-testid="sitrep-html" href={sitrepApi.exportUrl(sitrep.id, 'html')} target="_blank" rel="noopener">
          {t('sitrep.html')}
        </a>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
