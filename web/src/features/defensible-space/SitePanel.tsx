import { useState } from 'react';
import type { SpaceMeasuredValue } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { placeText } from '../hazards/hazardText';
import { AspectBars, scoreColour, TotalTrend } from './AspectBars';
import { AssessmentForm } from './AssessmentForm';
import { useSpaceSite } from './spaceApi';
import { EvidencePhotos } from './EvidencePhotos';
import { useSignedInUser } from '../../app/signedInUser';

/** One site: its latest scores by aspect, the weakest one's recommended measures, what the platform measures there, its history. */
export function SitePanel({ id, mayAssess }: { id: string; mayAssess: boolean }) {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const q = useSpaceSite(id);
  const [assessing, setAssessing] = useState(false);
  const user = useSignedInUser();
  if (q.error != null)
    return (
      <p className="notice notice-error" role="alert">
        {errorText(q.error)}
      </p>
    );
  if (!q.data) return <p className="muted">{t('space.loading')}</p>;
  const s = q.data;
  if (assessing) return <AssessmentForm site={s} onDone={() => setAssessing(false)} />;
  const latest = s.history[0];
  return (
    <article className="hazard-panel" data-testid="space-site" data-site={s.id}>
      <header className="hazard-panel-head">
        <h2>{s.name}</h2>
        <span className="hazard-status">{t(`space.type.${s.siteType}`)}</span>
        {latest && (
          <strong className="space-total" data-testid="space-total" style={{ color: scoreColour(latest.total) }}>
            {num(latest.total, 0)}
          </strong>
        )}
      </header>
      <p className="muted">
        {placeText(s)}
        {s.sectionName ? ` · ${s.sectionName}` : ''}
      </p>
      {latest ? (
        <>
          <p className="muted">{t('space.site.latest', { time: formatDateTime(latest.assessedAt, lang), user: latest.assessedByName })}</p>
          <AspectBars aspects={latest.aspects} weakest={latest.weakest} />
          <section className="space-recommend" data-testid="space-recommend">
            <h3 data-testid="space-weakest" data-aspect={latest.weakest}>
              {t('space.site.weakest', { aspect: t(`space.aspect.${latest.weakest}`) })}
            </h3>
            <h4>{t('space.site.recommend')}</h4>
            <ul>
              {latest.recommendations.map((m) => (
                <li key={m.id} data-testid="space-measure" data-measure={m.id}>
                  <strong>{lang === 'en' ? m.nameEn : m.nameZh}</strong> — {t('space.site.cost', { cost: num(m.costWan, 1) })}，{t('space.site.effect', { pct: m.riskReductionPct })}
                  <span className="muted">（{lang === 'en' ? m.basisEn : m.basisZh}）</span>
                </li>
              ))}
            </ul>
          </section>
          <EvidencePhotos siteId={s.id} assessment={latest} mayAdd={mayAssess && (latest.agencyId === user?.agencyId || !!user?.roles.includes('admin'))} />
        </>
      ) : (
        <p className="muted">{t('space.notAssessed')}</p>
      )}
      <section>
        <h3>{t('space.site.measured')}</h3>
        <ul className="space-measured" data-testid="space-measured">
          {s.measured.map((m) => (
            <li key={m.kind} data-kind={m.kind}>
              {measuredText(m, t)} <span className="space-score" style={{ background: scoreColour(m.score * 25) }}>{m.score}</span>
            </li>
          ))}
        </ul>
      </section>
      {mayAssess && (
        <div className="hazard-action-buttons">
          <button type="button" className="btn btn-primary" data-testid="space-assess" onClick={() => setAssessing(true)}>
            {t('space.site.assess')}
          </button>
        </div>
      )}
      {s.history.length > 0 && (
        <section className="hazard-history">
          <h3>{t('space.site.history')}</h3>
          <TotalTrend totals={[...s.history].reverse().map((a) => a.total)} />
          <ol data-testid="space-history">
            {s.history.map((a) => (
              <li key={a.id}>
                <time>{formatDateTime(a.assessedAt, lang)}</time> <strong style={{ color: scoreColour(a.total) }}>{num(a.total, 0)}</strong> · {a.assessedByName}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

export function measuredText(m: SpaceMeasuredValue, t: ReturnType<typeof useT>['t']): string {
  return t(`space.measured.${m.kind}`, { value: m.kind === 'camera_coverage' ? Math.round(m.value * 100) : m.value });
}
