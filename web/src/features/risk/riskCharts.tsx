import { memo } from 'react';
import type { RiskCell } from '@railjoint/contracts';
import { mileageText } from './riskText';

/**
 * The risk along one line as inline SVG bars (no chart library, nothing new for the content
 * security policy), each cell at its place along the geometry so chain breaks and short tail
 * cells keep their true width; the top cells in the danger colour.
 */
export function RiskStrip({ cells, top, selected, onPick, onHover, label }: { cells: readonly RiskCell[]; top: ReadonlySet<RiskCell>; selected: RiskCell | null; onPick: (c: RiskCell) => void; onHover: (c: RiskCell | null) => void; label: string }) {
  const W = 960;
  const H = 180;
  // room for half a mileage label at either end
  const left = 34;
  const right = 34;
  const topPad = 10;
  const bottom = 34;
  const from = cells[0]?.fromMeasureM ?? 0;
  const to = cells.at(-1)?.toMeasureM ?? 1;
  const span = Math.max(to - from, 1);
  const max = Math.max(...cells.map((c) => c.risk), 1e-9);
  const plotW = W - left - right;
  const plotH = H - topPad - bottom;
  const x = (m: number) => left + ((m - from) / span) * plotW;
  const ticks = tickCells(cells, 8);
  // a long line has thousands of cells narrower than a pixel: the pointer is read as a place
  // along the line and names the cell there, rather than asking a hand to hit a hairline
  const cellAtPointer = (e: React.MouseEvent<SVGSVGElement>): RiskCell | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const vx = ((e.clientX - box.left) / Math.max(box.width, 1)) * W;
    const m = from + ((vx - left) / plotW) * span;
    let lo = 0;
    let hi = cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cells[mid]!.fromMeasureM <= m) lo = mid;
      else hi = mid - 1;
    }
    return cells[lo] ?? null;
  };
  const bar = (c: RiskCell, cls: string, minW: number) => {
    const h = Math.max((c.risk / max) * plotH, c.risk > 0 ? 1 : 0);
    const w = Math.max(x(c.toMeasureM) - x(c.fromMeasureM), minW);
    return <rect x={(x(c.fromMeasureM) + x(c.toMeasureM) - w) / 2} width={w} y={topPad + plotH - h} height={h} className={cls} />;
  };
  return (
    <svg
      className="risk-strip"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
      data-testid="risk-strip"
      data-cells={cells.length}
      onMouseMove={(e) => {
        onHover(cellAtPointer(e));
      }}
      onMouseLeave={() => onHover(null)}
      onClick={(e) => {
        const c = cellAtPointer(e);
        if (c) onPick(c);
      }}
    >
      <line x1={left} x2={W - right} y1={topPad + plotH} y2={topPad + plotH} className="chart-grid" />
      {/* the many plain bars do not change as the pointer moves: drawn once per answer */}
      <Bars cells={cells} top={top} draw={bar} />
      {/* the top cells last and at least three units wide, so they stand out above their neighbours */}
      {[...top].map((c) => (
        <g key={`top-${c.fromMeasureM}`} data-testid="risk-strip-top" data-rank={c.rank}>
          {bar(c, c === selected ? 'risk-bar is-selected' : 'risk-bar is-top', 3)}
        </g>
      ))}
      {selected && !top.has(selected) && bar(selected, 'risk-bar is-selected', 3)}
      {ticks.map((c) => (
        <g key={`t-${c.fromMeasureM}`} data-testid="risk-strip-tick">
          <line x1={x(c.fromMeasureM)} x2={x(c.fromMeasureM)} y1={topPad + plotH} y2={topPad + plotH + 5} className="chart-grid" />
          <text x={x(c.fromMeasureM)} y={H - 12} textAnchor="middle" className="chart-axis">
            {mileageText(c.fromMileage)}
          </text>
        </g>
      ))}
    </svg>
  );
}

const Bars = memo(
  function Bars({ cells, top, draw }: { cells: readonly RiskCell[]; top: ReadonlySet<RiskCell>; draw: (c: RiskCell, cls: string, minW: number) => React.ReactElement }) {
    return <g>{cells.map((c, i) => (top.has(c) ? null : <g key={i}>{draw(c, 'risk-bar', 0.6)}</g>))}</g>;
  },
  (a, b) => a.cells === b.cells && a.top === b.top,
);

/** About `n` cells spread evenly along the line whose starts label the axis. */
function tickCells(cells: readonly RiskCell[], n: number): RiskCell[] {
  if (cells.length === 0) return [];
  const step = Math.max(1, Math.floor(cells.length / n));
  const out: RiskCell[] = [];
  for (let i = 0; i < cells.length; i += step) out.push(cells[i]!);
  return out;
}

export interface PaiSeries {
  name: string;
  baseline: boolean;
  best: boolean;
  values: Array<{ coverage: number; pai: number }>;
}

/** PAI per method as grouped bars at each share of line length; the baseline hatched grey, the best in the accent colour. */
export function PaiChart({ series, label }: { series: readonly PaiSeries[]; label: string }) {
  const W = 560;
  const H = 220;
  const left = 34;
  const right = 8;
  const top = 10;
  const bottom = 40;
  const coverages = series[0]?.values.map((v) => v.coverage) ?? [];
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v.pai)));
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const group = plotW / Math.max(coverages.length, 1);
  const bar = (group * 0.8) / Math.max(series.length, 1);
  const ticks = niceTicks(max);
  return (
    <svg className="risk-pai-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="risk-pai-chart">
      {ticks.map((v) => (
        <g key={`y-${v}`}>
          <line x1={left} x2={W - right} y1={y(v)} y2={y(v)} className="chart-grid" />
          <text x={left - 4} y={y(v) + 4} textAnchor="end" className="chart-axis">
            {v}
          </text>
        </g>
      ))}
      {coverages.map((cov, g) => (
        <g key={`g-${cov}`}>
          {series.map((s, k) => {
            const v = s.values[g]?.pai ?? 0;
            return (
              <rect key={s.name} x={left + g * group + group * 0.1 + k * bar} width={bar * 0.9} y={y(v)} height={Math.max(0, top + plotH - y(v))} className={s.baseline ? 'risk-pai-bar is-baseline' : s.best ? 'risk-pai-bar is-best' : 'risk-pai-bar'} data-value={v}>
                <title>{`${s.name} · ${Math.round(cov * 100)}% · PAI ${v.toFixed(2)}`}</title>
              </rect>
            );
          })}
          <text x={left + g * group + group / 2} y={H - 24} textAnchor="middle" className="chart-axis">
            {`${Math.round(cov * 100)}%`}
          </text>
        </g>
      ))}
      {series.map((s, k) => (
        <g key={`l-${s.name}`} transform={`translate(${left + k * 130}, ${H - 10})`}>
          <rect width={10} height={10} y={-9} className={s.baseline ? 'risk-pai-bar is-baseline' : s.best ? 'risk-pai-bar is-best' : 'risk-pai-bar'} />
          <text x={14} className="chart-axis">
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 0.1)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}
