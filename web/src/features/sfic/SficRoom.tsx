import { useMemo } from 'react';
import { surveyChart, trendChart, type SficView } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { EChart } from '../charts/EChart';
import { useSficView, useSurvey, useSurveyResults } from './sficApi';
import { SurveyForm } from './SurveyForm';
import '../hazards/hazards.css';
import './sfic.css';

const UNIT: Record<string, { zh: string; en: string }> = { percent: { zh: '%', en: '%' }, seconds: { zh: '秒', en: 's' }, minutes: { zh: '分钟', en: 'min' }, hours: { zh: '小时', en: 'h' }, count: { zh: '', en: '' }, ratio: { zh: '', en: '' } };

/**
 * The SFIC view (协同治理评价): the indicators arranged by the model's components — starting
 * conditions, institutional design, facilitative leadership, collaborative process, outcomes —
 * month by month against their targets, and the quarterly survey's means per component; the
 * department's for the centre, the agency's own for everyone else. The running quarter's survey
 * is answered here.
 */
export function SficRoom() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const view = useSficView(lang);
  const survey = useSurvey(lang);
  const results = useSurveyResults(lang);
  const v = view.data;
  return (
    <main className="hazards-room" data-testid="sfic-room">
      <GovernanceTabs />
      <header className="hazards-head">
        <h2>{t('sfic.title')}</h2>
        {v && <span className="muted" data-testid="sfic-scope">{t('sfic.scope', { name: v.scope.name })}</span>}
      </header>
      {view.error != null && <p className="notice notice-error" role="alert">{errorText(view.error)}</p>}
      {view.isPending && <p className="muted">{t('sfic.loading')}</p>}
      {v && <SurveyTrend view={v} />}
      {v?.activeAgencies && <ActiveAgencies months={v.months} counts={v.activeAgencies} />}
      {results.data && (
        <p className="muted" data-testid="sfic-responses">
          {t('sfic.responses', { quarter: results.data.quarter, n: results.data.department?.n ?? results.data.agencies[0]?.n ?? 0, min: results.data.minResponses })}
        </p>
      )}
      {survey.data?.mayAnswer && !survey.data.answered && (
        <details className="sfic-survey-box" open>
          <summary>{t('sfic.survey.title', { quarter: survey.data.quarter })}</summary>
          <SurveyForm survey={survey.data} />
        </details>
      )}
      {survey.data?.answered && <p className="notice" data-testid="survey-answered">{t('sfic.survey.thanks', { quarter: survey.data.quarter })}</p>}
      {v && (
        <div className="sfic-components">
          {v.components.map((c) => (
            <section key={c.component} className="sfic-component" data-testid={`sfic-${c.component}`}>
              <h3>{c.name}</h3>
              {c.indicators.length === 0 && <p className="muted">{t('sfic.noIndicators')}</p>}
              <div className="sfic-charts">
                {c.indicators.map((i) => (
                  <IndicatorTrend key={i.id} months={v.months} indicator={i} />
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </main>
  );
}

function IndicatorTrend({ months, indicator }: { months: string[]; indicator: SficView['components'][number]['indicators'][number] }) {
  const { t, lang } = useT();
  const unit = UNIT[indicator.unit]?.[lang === 'en' ? 'en' : 'zh'] ?? '';
  const option = useMemo(() => trendChart(months.map((m) => m.slice(5)), indicator.series, { title: `${indicator.name}${unit ? `（${unit}）` : ''}`, target: indicator.target, unitLabel: unit, fontSize: 11, still: true }), [months, indicator, unit]);
  return <EChart option={option} className="sfic-chart" testId={`sfic-chart-${indicator.id}`} label={t('sfic.chartOf', { name: indicator.name, target: String(indicator.target) })} />;
}

function SurveyTrend({ view }: { view: SficView }) {
  const { t, lang } = useT();
  const option = useMemo(() => {
    const quarters = view.components[0]?.survey.map((s) => s.quarter) ?? [];
    return surveyChart(quarters, view.components.map((c) => ({ name: c.name, means: c.survey.map((s) => s.mean) })), { title: t('sfic.surveyChart'), still: true });
  }, [view, lang, t]);
  return <EChart option={option} className="sfic-survey-chart" testId="sfic-survey-chart" label={t('sfic.surveyChart')} />;
}

function ActiveAgencies({ months, counts }: { months: string[]; counts: number[] }) {
  const { t } = useT();
  const option = useMemo(() => trendChart(months.map((m) => m.slice(5)), counts, { title: t('sfic.activeAgencies'), fontSize: 11, still: true }), [months, counts, t]);
  return <EChart option={option} className="sfic-chart sfic-active" testId="sfic-active-agencies" label={t('sfic.activeAgencies')} />;
}
