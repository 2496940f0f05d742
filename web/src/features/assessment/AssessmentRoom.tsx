import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { platformNow } from '../../api/platformClock';
import { useAgencies } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { assessmentKey, exportUrl, publishPeriod, useAssessment } from './assessmentApi';
import { lastMonth, recentPeriods } from './periods';
import { Sparkline } from './Sparkline';
import { AgencyItems } from './AgencyItems';
import { SchemeEditor } from './SchemeEditor';
import '../hazards/hazards.css';
import './assessment.css';

/**
 * 考核: a month's or a quarter's scores per agency under the centre's scheme — the ranking with
 * each total's trend, and for an agency its items, each score explained and traced to the records
 * behind it. The centre edits the scheme and publishes an ended period; an agency sees its own
 * scores, and the ranking once it is published.
 */
export function AssessmentRoom({ user }: { user: User }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [period, setPeriod] = useState(() => lastMonth(platformNow()));
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = useAssessment(period, lang);
  const agencies = useAgencies();
  const manager = user.roles.includes('admin') || (agencies.find((a) => a.id === user.agencyId)?.type === 'coordination_centre' && user.roles.some((r) => r === 'commander' || r === 'analyst'));
  const { months, quarters } = recentPeriods(platformNow());
  const r = q.data;
  const shown = open ?? (r?.scope === 'own' ? user.agencyId : null);
  const publish = async () => {
    setError(null);
    try {
      await publishPeriod(period);
      await qc.invalidateQueries({ queryKey: assessmentKey });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="hazards-room" data-testid="assessment-room">
      <GovernanceTabs />
      <header className="hazards-head">
        <h2>{t('assessment.title')}</h2>
        <label className="field-inline">
          {t('assessment.period')}
          <select data-testid="assessment-period" value={period} onChange={(e) => { setPeriod(e.target.value); setOpen(null); }}>
            <optgroup label={t('assessment.months')}>{months.map((m) => <option key={m} value={m}>{m}</option>)}</optgroup>
            <optgroup label={t('assessment.quarters')}>{quarters.map((x) => <option key={x} value={x}>{x}</option>)}</optgroup>
          </select>
        </label>
        {r && (
          <span className="muted" data-testid="assessment-status">
            {r.published ? t('assessment.published', { time: formatDateTime(r.published.at, lang), name: r.published.byName }) : t('assessment.live')} · {t('assessment.scheme', { name: r.schemeName, version: r.schemeVersion })}
          </span>
        )}
        {r && <a className="btn" data-testid="assessment-xlsx" href={exportUrl(period, lang)} download>{t('assessment.xlsx')}</a>}
        {manager && r && !r.published && <button type="button" className="btn" data-testid="assessment-publish" onClick={publish}>{t('assessment.publish')}</button>}
        {manager && <button type="button" className="btn" data-testid="assessment-edit-scheme" onClick={() => setEditing((x) => !x)}>{t('assessment.editScheme')}</button>}
      </header>
      {error != null && <p className="notice notice-error" role="alert">{errorText(error)}</p>}
      {editing && <SchemeEditor onSaved={() => setEditing(false)} />}
      {q.error != null && <p className="notice notice-error" role="alert" data-testid="assessment-error">{errorText(q.error)}</p>}
      {q.isPending && <p className="muted">{t('assessment.loading')}</p>}
      {r && (
        <div className="hazards-split">
          <section>
            {r.scope === 'own' && !r.published && <p className="muted">{t('assessment.ownOnly')}</p>}
            <table className="assessment-table" data-testid="assessment-ranking">
              <thead>
                <tr>
                  <th>{t('assessment.rank')}</th>
                  <th>{t('assessment.agency')}</th>
                  <th className="num">{t('assessment.total')}</th>
                  <th>{t('assessment.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {r.agencies.map((a) => (
                  <tr key={a.agencyId} data-testid={`assessment-row-${a.agencyId}`} className={shown === a.agencyId ? 'is-selected' : undefined} onClick={() => a.items && setOpen(a.agencyId)} aria-disabled={!a.items}>
                    <td>{a.rank ?? '—'}</td>
                    <td>{a.items ? <button type="button" className="link">{a.agencyName}</button> : a.agencyName}</td>
                    <td className="num" data-testid="assessment-total">{a.total === null ? '—' : num(a.total, 1)}</td>
                    <td><Sparkline values={[...a.trend.map((x) => x.total), a.total]} label={t('assessment.trendOf', { periods: [...a.trend.map((x) => x.period), r.period].join('、') })} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section>{shown && r.agencies.find((a) => a.agencyId === shown)?.items && <AgencyItems result={r} agencyId={shown} />}</section>
        </div>
      )}
    </main>
  );
}
