import { useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { exportUrl, useListDraft, useListIndex, useListVersion } from './listApi';
import { ListTable } from './ListTable';
import { DiffView } from './DiffView';
import { DraftPanel } from './DraftPanel';
import '../hazards/hazards.css';
import './responsibility-list.css';

/** 权责清单: the published list every agency reads, any earlier version and what it changed, and for the centre the draft and its approval. */
export function ResponsibilityListRoom() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const index = useListIndex();
  const [picked, setPicked] = useState<number | null>(null);
  const [viewingDraft, setViewingDraft] = useState(false);
  const versions = index.data?.versions ?? [];
  const shown = picked ?? versions[0]?.number ?? null;
  const version = useListVersion(shown);
  const mayDraft = index.data?.mayDraft ?? false;
  const draft = useListDraft(mayDraft && viewingDraft && !!index.data?.draft);
  const summary = versions.find((v) => v.number === shown);
  const doc = viewingDraft && draft.data ? draft.data : version.data;
  const error = index.error ?? version.error ?? draft.error;
  return (
    <main className="hazards-room rlist-room" data-testid="rlist-room">
      <GovernanceTabs />
      <div className="rlist-body">
        <header className="hazards-head">
          <h2>{t('rlist.title')}</h2>
          {versions.length > 0 && (
            <select aria-label={t('rlist.title')} value={shown ?? ''} onChange={(e) => (setPicked(Number(e.target.value)), setViewingDraft(false))} data-testid="rlist-version">
              {versions.map((v) => (
                <option key={v.id} value={v.number!}>
                  {t('rlist.version', { n: v.number! })}
                </option>
              ))}
            </select>
          )}
          {summary && <span className="muted" data-testid="rlist-approved">{t('rlist.approved', { name: summary.approvedBy ?? '', time: formatDateTime(summary.approvedAt ?? '', lang) })}</span>}
          {shown !== null && (
            <>
              <a className="btn" data-testid="rlist-xlsx" href={exportUrl(shown, 'xlsx')} download>
                {t('rlist.xlsx')}
              </a>
              <a className="btn" data-testid="rlist-pdf" href={exportUrl(shown, 'pdf')} download>
                {t('rlist.pdf')}
              </a>
            </>
          )}
        </header>
        {error != null && (
          <p className="notice notice-error" role="alert">
            {errorText(error)}
          </p>
        )}
        {index.isPending && <p className="muted">{t('rlist.loading')}</p>}
        {mayDraft && index.data && <DraftPanel draft={index.data.draft} mayApprove={index.data.mayApprove} viewing={viewingDraft} onView={setViewingDraft} onPublished={(n) => setPicked(n)} />}
        {index.data && !versions.length && !(viewingDraft && draft.data) && <p className="muted" data-testid="rlist-none">{t('rlist.none')}</p>}
        {viewingDraft && draft.data && <p className="notice">{t('rlist.draft.showing')}</p>}
        {!viewingDraft && summary?.note && <p>{summary.note}</p>}
        {!viewingDraft && shown !== null && shown > 1 && <DiffView from={shown - 1} to={shown} />}
        {doc && <ListTable version={doc} />}
      </div>
    </main>
  );
}
