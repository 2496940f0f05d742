import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ResponsibilityListSummary } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { LIST_KEY, approveDraft, discardDraft, saveDraft, useLegalBasis } from './listApi';

/**
 * The centre's working paper: draft from the matrix as it is, redraft (with a note and legal
 * basis edits), discard, and — for a commander of the centre — approve. A stale draft cannot be
 * approved: the server refuses it, and the button says why before anyone tries.
 */
export function DraftPanel({ draft, mayApprove, viewing, onView, onPublished }: { draft: ResponsibilityListSummary | null; mayApprove: boolean; viewing: boolean; onView: (v: boolean) => void; onPublished: (n: number) => void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  const [basisEdits, setBasisEdits] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const basis = useLegalBasis(editing);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: LIST_KEY });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const redraft = () =>
    act(async () => {
      await saveDraft({ ...(note.trim() ? { note: note.trim() } : draft?.note ? { note: draft.note } : {}), legalBasis: Object.entries(basisEdits).map(([categoryId, text]) => ({ categoryId, text })) });
      setBasisEdits({});
      setEditing(false);
    });
  return (
    <section className="rlist-draft" data-testid="rlist-draft">
      <h3>{t('rlist.draft.title')}</h3>
      {!draft && <p className="muted">{t('rlist.draft.none')}</p>}
      {draft && (
        <p>
          {t('rlist.drafted', { name: draft.draftedBy, time: formatDateTime(draft.draftedAt, lang) })}
          {draft.note ? ` · ${draft.note}` : ''}
        </p>
      )}
      {draft?.stale && (
        <p className="notice notice-error" data-testid="rlist-stale">
          {t('rlist.draft.stale')}
        </p>
      )}
      <label className="rlist-note">
        {t('rlist.draft.note')}
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} data-testid="rlist-note" />
      </label>
      <div className="rlist-actions">
        <button type="button" className="btn" disabled={busy} onClick={redraft} data-testid="rlist-draft-make">
          {draft ? t('rlist.draft.redraft') : t('rlist.draft.make')}
        </button>
        {draft && (
          <>
            <button type="button" className="btn" onClick={() => onView(!viewing)} data-testid="rlist-draft-view">
              {viewing ? t('rlist.draft.viewPublished') : t('rlist.draft.view')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => act(async () => (await discardDraft(), onView(false)))} data-testid="rlist-draft-discard">
              {t('rlist.draft.discard')}
            </button>
            {mayApprove && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy || draft.stale}
                data-testid="rlist-approve"
                onClick={() =>
                  act(async () => {
                    const v = await approveDraft(draft.id);
                    onView(false);
                    onPublished(v.number!);
                  })
                }
              >
                {t('rlist.draft.approve')}
              </button>
            )}
          </>
        )}
        <button type="button" className="btn btn-quiet" onClick={() => setEditing(!editing)} data-testid="rlist-basis-edit">
          {t('rlist.basis.edit')}
        </button>
      </div>
      {error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {editing && basis.data && (
        <div className="rlist-basis-editor">
          {basis.data.categories.map((c) => (
            <label key={c.categoryId}>
              <span>
                {c.categoryZh}
                {c.edited && <span className="muted"> · {t('rlist.basis.edited')}</span>}
              </span>
              <textarea rows={2} maxLength={2000} value={basisEdits[c.categoryId] ?? c.text} onChange={(e) => setBasisEdits({ ...basisEdits, [c.categoryId]: e.target.value })} />
            </label>
          ))}
          <button type="button" className="btn btn-primary" disabled={busy} onClick={redraft}>
            {t('rlist.basis.save')}
          </button>
        </div>
      )}
    </section>
  );
}
