import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { RiskBacktestResult } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { platformNow } from '../../api/platformClock';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { useCategories } from '../location-panel/useCategories';
import { runBacktest } from './riskApi';
import { PaiChart, type PaiSeries } from './riskCharts';
import { CELL_LENGTHS } from './StripTab';

const DAY_MS = 86_400_000;

/** The Beijing date (YYYY-MM-DD) of an instant: China keeps +08:00 all year. */
function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A date the analyst picked, as the start of that Beijing day. */
const beijingMidnight = (date: string) => `${date}T00:00:00+08:00`;

/**
 * The method with the highest PAI summed over the three shares of line length: the one whose
 * flagged stretches caught most per kilometre however much line a patrol plan can cover.
 */
export function bestMethod(r: RiskBacktestResult): string | null {
  let best: string | null = null;
  let bestSum = -Infinity;
  for (const m of r.methods) {
    const sum = m.scores.reduce((s, x) => s + x.pai, 0);
    if (sum > bestSum) [best, bestSum] = [m.method, sum];
  }
  return best;
}

/**
 * 回测: trains every method up to one date and scores it on the window up to another, which it
 * never saw, beside the retrospective baseline — the PAI and PEI* an analyst quotes when asking
 * for patrols on the top cells. Defaults: the last six months as the test window.
 */
export function BacktestTab() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const { categories } = useCategories();
  const today = platformNow();
  const [trainUntil, setTrainUntil] = useState(() => beijingDate(today - 183 * DAY_MS));
  const [testUntil, setTestUntil] = useState(() => beijingDate(today));
  const [category, setCategory] = useState('');
  const [cellM, setCellM] = useState(100);
  const run = useMutation({ mutationFn: () => runBacktest({ trainUntil: beijingMidnight(trainUntil), testUntil: beijingMidnight(testUntil), cellM, ...(category ? { category } : {}) }) });
  const r = run.data;
  const best = r ? bestMethod(r) : null;
  const coverages = r?.methods[0]?.scores.map((s) => s.coverage) ?? [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const series: PaiSeries[] = r ? r.methods.map((m) => ({ name: t(`risk.method.${m.method}`), baseline: m.baseline, best: m.method === best, values: m.scores })) : [];

  return (
    <div className="risk-backtest-tab" data-testid="risk-backtest-tab">
      <p className="muted">{t('risk.backtest.intro')}</p>
      <form
        className="risk-head"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <label className="field-inline">
          {t('risk.backtest.trainUntil')}
          <input type="date" data-testid="risk-train-until" value={trainUntil} required onChange={(e) => setTrainUntil(e.target.value)} />
        </label>
        <label className="field-inline">
          {t('risk.backtest.testUntil')}
          <input type="date" data-testid="risk-test-until" value={testUntil} required onChange={(e) => setTestUntil(e.target.value)} />
        </label>
        <label className="field-inline">
          {t('risk.category')}
          <select data-testid="risk-backtest-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('risk.category.all')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {lang === 'en' ? c.nameEn : c.nameZh}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('risk.cellM')}
          <select data-testid="risk-backtest-cell-m" value={cellM} onChange={(e) => setCellM(Number(e.target.value))}>
            {CELL_LENGTHS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" data-testid="risk-backtest-run" disabled={run.isPending || !trainUntil || !testUntil}>
          {run.isPending ? t('risk.backtest.running') : t('risk.backtest.run')}
        </button>
      </form>
      {run.error != null && (
        <p className="notice notice-error" role="alert" data-testid="risk-backtest-error">
          {errorText(run.error)}
        </p>
      )}
      {r && (
        <div className="risk-backtest-result" data-testid="risk-backtest-result">
          <p className="muted" data-testid="risk-backtest-summary">
            {t('risk.backtest.summary', { train: r.trainEvents, test: r.testEvents, km: r.lengthKm, from: formatDateTime(r.trainUntil, lang), to: formatDateTime(r.testUntil, lang) })}
          </p>
          <div className="risk-split">
            <table className="risk-table" data-testid="risk-pai-table">
              <thead>
                <tr>
                  <th rowSpan={2}>{t('risk.backtest.col.method')}</th>
                  {coverages.map((c) => (
                    <th key={c} colSpan={3}>
                      {t('risk.backtest.col.coverage', { p: Math.round(c * 100) })}
                    </th>
                  ))}
                </tr>
                <tr>
                  {coverages.flatMap((c) => [
                    <th key={`${c}-h`}>{t('risk.backtest.hit')}</th>,
                    <th key={`${c}-p`}>{t('risk.backtest.pai')}</th>,
                    <th key={`${c}-e`}>{t('risk.backtest.pei')}</th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {r.methods.map((m) => (
                  <tr key={m.method} data-testid="risk-pai-row" data-method={m.method} data-baseline={m.baseline || undefined} data-best={m.method === best || undefined} className={m.method === best ? 'is-best' : m.baseline ? 'is-baseline' : undefined}>
                    <th scope="row">
                      {t(`risk.method.${m.method}`)}
                      {m.baseline && <span className="risk-flag">{t('risk.backtest.baseline')}</span>}
                      {m.method === best && <span className="risk-flag is-best">{t('risk.backtest.best')}</span>}
                    </th>
                    {m.scores.flatMap((s) => [
                      <td key={`${s.coverage}-h`} className="num">
                        {pct(s.hitRate)}
                      </td>,
                      <td key={`${s.coverage}-p`} className="num" data-testid="risk-pai">
                        {s.pai.toFixed(2)}
                      </td>,
                      <td key={`${s.coverage}-e`} className="num">
                        {s.pei.toFixed(2)}
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </table>
            <PaiChart series={series} label={t('risk.backtest.chart')} />
          </div>
          <p className="muted" data-testid="risk-knox">
            {t('risk.backtest.knox', { d: r.knox.distanceM, days: r.knox.days, obs: r.knox.observed, exp: r.knox.expected.toFixed(0), ratio: r.knox.ratio.toFixed(2), p: r.knox.pValue.toFixed(3) })}
          </p>
        </div>
      )}
    </div>
  );
}
