import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { RISK_METHODS, type RiskCell, type RiskMethod } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { useCategories } from '../location-panel/useCategories';
import { useNetworkData } from '../map/useNetworkData';
import { useRiskCells } from './riskApi';
import { RiskStrip } from './riskCharts';
import { cellRange, factorName, factorsText, riskText } from './riskText';

export const CELL_LENGTHS = [100, 200, 500, 1000] as const;
const TOP_N = 10;

/**
 * 风险带: one line's cells by one method as a strip along its mileage, the line's riskiest cells
 * marked and listed, and for the risk terrain model the factors' weights. The choice lives in the
 * address, so a reload or a shared link shows the same strip.
 */
export function StripTab() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const { network } = useNetworkData();
  const { categories } = useCategories();
  const lines = useMemo(() => (network?.features ?? []).filter((f) => f.properties.kind === 'line').map((f) => ({ id: f.properties.id, name: f.properties.name })), [network]);
  const lineId = params.get('line') ?? lines[0]?.id ?? '';
  const category = params.get('category') ?? '';
  const methodParam = params.get('method') ?? 'rtm';
  const method: RiskMethod = (RISK_METHODS as readonly string[]).includes(methodParam) ? (methodParam as RiskMethod) : 'rtm';
  const cellParam = Number(params.get('cellM') ?? 100);
  const cellM = (CELL_LENGTHS as readonly number[]).includes(cellParam) ? cellParam : 100;
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const q = useRiskCells({ lineId, category, method, cellM }, !!lineId);
  const [picked, setPicked] = useState<RiskCell | null>(null);
  const [hovered, setHovered] = useState<RiskCell | null>(null);
  const cells = useMemo(() => q.data?.cells ?? [], [q.data]);
  const topCells = useMemo(() => [...cells].sort((a, b) => a.rank - b.rank).slice(0, TOP_N), [cells]);
  const top = useMemo(() => new Set(topCells), [topCells]);
  // the cell under the pointer, else the one last clicked (a cell of an earlier answer is gone)
  const pinned = picked && cells.includes(picked) ? picked : null;
  const selected = hovered && cells.includes(hovered) ? hovered : pinned;
  const lineName = lines.find((l) => l.id === lineId)?.name ?? '';
  const catName = (c: { nameZh: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameZh);

  return (
    <div className="risk-strip-tab" data-testid="risk-strip-tab">
      <header className="risk-head">
        <label className="field-inline">
          {t('risk.line')}
          <select data-testid="risk-line" value={lineId} onChange={(e) => set('line', e.target.value)}>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('risk.category')}
          <select data-testid="risk-category" value={category} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('risk.category.all')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {catName(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('risk.method')}
          <select data-testid="risk-method" value={method} onChange={(e) => set('method', e.target.value)}>
            {RISK_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`risk.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          {t('risk.cellM')}
          <select data-testid="risk-cell-m" value={cellM} onChange={(e) => set('cellM', e.target.value)}>
            {CELL_LENGTHS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </header>
      {q.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(q.error)}
        </p>
      )}
      {q.isFetching && <p className="muted">{t('risk.loading')}</p>}
      {q.data && (
        <>
          <h2 className="risk-title">{t('risk.strip.title', { line: lineName })}</h2>
          <p className="muted" data-testid="risk-events">
            {t('risk.events', { n: q.data.events, at: formatDateTime(q.data.at, lang) })}
          </p>
          {cells.length === 0 ? (
            <p className="muted">{t('risk.strip.none')}</p>
          ) : (
            <div className="risk-split">
              <section className="risk-strip-box">
                <RiskStrip cells={cells} top={top} selected={selected} onPick={setPicked} onHover={setHovered} label={t('risk.strip.label')} />
                <div className="risk-picked" data-testid="risk-picked" aria-live="polite">
                  {selected ? (
                    <>
                      <strong>{cellRange(t, selected)}</strong> · {t('risk.cell.rank', { rank: selected.rank })} · {t('risk.cell.risk')} {riskText(selected.risk)}
                      <br />
                      {t('risk.cell.factors')}：{factorsText(t, selected.factors)}
                    </>
                  ) : (
                    <span className="muted">{t('risk.cell.pick')}</span>
                  )}
                </div>
                {q.data.weights && (
                  <table className="risk-table" data-testid="risk-weights">
                    <caption>{t('risk.weights.title')}</caption>
                    <thead>
                      <tr>
                        <th>{t('risk.col.factor')}</th>
                        <th>{t('risk.col.coefficient')}</th>
                        <th>{t('risk.col.relativeRisk')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...q.data.weights]
                        .sort((a, b) => b.relativeRisk - a.relativeRisk)
                        .map((w) => (
                          <tr key={w.factor} data-testid="risk-weight-row">
                            <td>{factorName(t, w.factor)}</td>
                            <td className="num">{w.coefficient.toFixed(3)}</td>
                            <td className="num">{w.relativeRisk.toFixed(2)}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section className="risk-top">
                <table className="risk-table" data-testid="risk-top">
                  <caption>{t('risk.top.title', { n: topCells.length })}</caption>
                  <thead>
                    <tr>
                      <th>{t('risk.col.rank')}</th>
                      <th>{t('risk.col.range')}</th>
                      <th>{t('risk.col.risk')}</th>
                      <th>{t('risk.col.factors')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {topCells.map((c) => (
                      <tr key={c.fromMeasureM} data-testid="risk-top-row" className={c === selected ? 'is-selected' : undefined} onClick={() => setPicked(c)}>
                        <td className="num">{c.rank}</td>
                        <td className="risk-nowrap">{cellRange(t, c)}</td>
                        <td className="num">{riskText(c.risk)}</td>
                        <td>{factorsText(t, c.factors)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          )}
        </>
      )}
    </div>
  );
}
