/**
 * The KPI page's charts, drawn as inline SVG (no chart library: a few bars and lines do not need
 * one, and the console's content security policy has nothing new to allow). Each scales to its
 * box through its viewBox, so it never widens the page.
 */

const HOUR_MS = 3600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** The Beijing hour (0–23) an hour starting at `ms` is. */
function beijingHour(ms: number): number {
  return new Date(ms + BEIJING_OFFSET_MS).getUTCHours();
}

/** The frame both rate charts draw in: one size, one scale, bars in slots. */
function ratePlot(n: number, max: number) {
  const W = 480;
  const H = 200;
  const left = 30;
  const right = 8;
  const top = 10;
  const bottom = 24;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(n, 1);
  return { W, H, left, right, y, slot, bar: (i: number, v: number) => ({ x: left + i * slot + slot * 0.15, width: slot * 0.7, y: y(v), height: Math.max(0, top + plotH - y(v)) }) };
}

/** Over the second ISA-18.2 line in the danger colour, over the first in the warning colour. */
const rateBarClass = (v: number, acceptable: number, manageable: number) => (v > manageable ? 'chart-bar chart-bar-danger' : v > acceptable ? 'chart-bar chart-bar-warn' : 'chart-bar');

/** Horizontal grid lines with their values on the left axis (every chart of the console). */
export function YGrid({ ticks, y, x1, x2 }: { ticks: readonly number[]; y: (v: number) => number; x1: number; x2: number }) {
  return (
    <>
      {ticks.map((v) => (
        <g key={`tick-${v}`}>
          <line x1={x1} x2={x2} y1={y(v)} y2={y(v)} className="chart-grid" />
          <text x={x1 - 4} y={y(v) + 4} textAnchor="end" className="chart-axis">
            {v}
          </text>
        </g>
      ))}
    </>
  );
}

/** The ISA-18.2 targets as lines with their labels: about `acceptable` an hour, `manageable` at most. */
function TargetLines({ y, x1, x2, acceptable, manageable, acceptableLabel, manageableLabel }: { y: (v: number) => number; x1: number; x2: number; acceptable: number; manageable: number; acceptableLabel: string; manageableLabel: string }) {
  return (
    <>
      <line x1={x1} x2={x2} y1={y(acceptable)} y2={y(acceptable)} className="chart-target chart-target-ok" data-testid="kpi-target-acceptable" />
      <text x={x2 - 2} y={y(acceptable) - 3} textAnchor="end" className="chart-target-label">
        {acceptableLabel}
      </text>
      <line x1={x1} x2={x2} y1={y(manageable)} y2={y(manageable)} className="chart-target chart-target-max" data-testid="kpi-target-manageable" />
      <text x={x2 - 2} y={y(manageable) - 3} textAnchor="end" className="chart-target-label">
        {manageableLabel}
      </text>
    </>
  );
}

/**
 * Alarms per hour at one console, as bars, against the ISA-18.2 targets drawn as lines: about
 * `acceptable` an hour is acceptable, `manageable` the most an operator can handle. A bar over
 * the second line is drawn in the danger colour, over the first in the warning colour.
 */
export function HourlyRateChart({ hourly, fromIso, acceptable, manageable, label, acceptableLabel, manageableLabel }: { hourly: readonly number[]; fromIso: string; acceptable: number; manageable: number; label: string; acceptableLabel: string; manageableLabel: string }) {
  const max = Math.max(manageable * 1.25, ...hourly, 1);
  const { W, H, left, right, y, slot, bar } = ratePlot(hourly.length, max);
  const firstHour = Math.floor(Date.parse(fromIso) / HOUR_MS) * HOUR_MS;
  return (
    <svg className="kpi-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="kpi-rate-chart">
      <YGrid ticks={niceTicks(max)} y={y} x1={left} x2={W - right} />
      {hourly.map((v, i) => (
        <rect key={i} {...bar(i, v)} className={rateBarClass(v, acceptable, manageable)} data-value={v}>
          <title>{`${beijingHour(firstHour + i * HOUR_MS)}:00 · ${v}`}</title>
        </rect>
      ))}
      {hourly.map((_, i) => {
        const h = beijingHour(firstHour + i * HOUR_MS);
        return h % 3 === 0 ? (
          <text key={`x-${i}`} x={left + i * slot + slot / 2} y={H - 8} textAnchor="middle" className="chart-axis">
            {h}
          </text>
        ) : null;
      })}
      <TargetLines y={y} x1={left} x2={W - right} acceptable={acceptable} manageable={manageable} acceptableLabel={acceptableLabel} manageableLabel={manageableLabel} />
    </svg>
  );
}

export interface DayRate {
  day: string;
  alarms: number;
  hours: number;
  peakHour: number;
}

/**
 * Alarms per hour at one console over a long period, a bar per Beijing day: its height the day's
 * average an hour and a dot its busiest hour, both read against the same ISA-18.2 lines as the
 * hourly chart (an average under 6 can hide an hour of 40, so the dot stays).
 */
export function DailyRateChart({ daily, acceptable, manageable, label, dayLabel, acceptableLabel, manageableLabel }: { daily: readonly DayRate[]; acceptable: number; manageable: number; label: string; dayLabel: (d: DayRate, avg: number) => string; acceptableLabel: string; manageableLabel: string }) {
  const avg = daily.map((d) => (d.hours > 0 ? d.alarms / d.hours : 0));
  const max = Math.max(manageable * 1.25, ...daily.map((d) => d.peakHour), 1);
  const { W, H, left, right, y, slot, bar } = ratePlot(daily.length, max);
  // about eight dates along the axis, whatever the period's length
  const every = Math.max(1, Math.ceil(Math.max(daily.length, 1) / 8));
  return (
    <svg className="kpi-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="kpi-rate-chart" data-per="day">
      <YGrid ticks={niceTicks(max)} y={y} x1={left} x2={W - right} />
      {daily.map((d, i) => {
        const a = avg[i]!;
        return (
          <g key={d.day} data-testid="kpi-rate-day" data-day={d.day} data-alarms={d.alarms}>
            <title>{dayLabel(d, a)}</title>
            <rect {...bar(i, a)} className={rateBarClass(a, acceptable, manageable)} />
            {d.peakHour > 0 && <circle cx={left + i * slot + slot / 2} cy={y(d.peakHour)} r={Math.min(3, Math.max(1.5, slot * 0.3))} className="chart-peak" />}
          </g>
        );
      })}
      {daily.map((d, i) =>
        i % every === 0 ? (
          <text key={`x-${d.day}`} x={left + i * slot + slot / 2} y={H - 8} textAnchor="middle" className="chart-axis">
            {`${Number(d.day.slice(5, 7))}/${Number(d.day.slice(8, 10))}`}
          </text>
        ) : null,
      )}
      <TargetLines y={y} x1={left} x2={W - right} acceptable={acceptable} manageable={manageable} acceptableLabel={acceptableLabel} manageableLabel={manageableLabel} />
    </svg>
  );
}

/** Round steps for an axis up to `max` (at most about five). */
function niceTicks(max: number): number[] {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

export interface BarItem {
  key: string;
  label: string;
  value: number;
  /** the value as people read it (a count, a share) */
  shown: string;
  tone?: 'ok' | 'warn' | 'danger';
}

/**
 * Horizontal bars with their labels, one per row: the top ten, the share of time in flood, the
 * availability per owner. `mark` draws a target (e.g. 95 % availability, 0 % in flood) as a line.
 */
export function BarList({ items, max, label, mark, testId }: { items: readonly BarItem[]; max: number; label: string; mark?: { value: number; text: string }; testId?: string }) {
  const W = 640;
  const rowH = 22;
  const labelW = 240;
  const valueW = 70;
  const H = Math.max(1, items.length) * rowH + (mark ? 16 : 4);
  const barW = W - labelW - valueW;
  const scale = (v: number) => (max > 0 ? Math.min(1, Math.max(0, v / max)) * barW : 0);
  return (
    <svg className="kpi-bars" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid={testId} style={{ aspectRatio: `${W} / ${H}` }}>
      {items.map((it, i) => (
        <g key={it.key} transform={`translate(0 ${i * rowH + (mark ? 14 : 2)})`} data-testid={testId ? `${testId}-row` : undefined}>
          <text x={labelW - 6} y={rowH / 2 + 4} textAnchor="end" className="chart-label">
            {it.label.length > 22 ? `${it.label.slice(0, 21)}…` : it.label}
            <title>{it.label}</title>
          </text>
          <rect x={labelW} y={3} width={scale(it.value)} height={rowH - 6} className={`chart-bar${it.tone && it.tone !== 'ok' ? ` chart-bar-${it.tone}` : ''}`} />
          <text x={labelW + scale(it.value) + 4} y={rowH / 2 + 4} className="chart-axis">
            {it.shown}
          </text>
        </g>
      ))}
      {mark && (
        <g>
          <line x1={labelW + scale(mark.value)} x2={labelW + scale(mark.value)} y1={10} y2={H} className="chart-target chart-target-ok" />
          <text x={labelW + scale(mark.value)} y={9} textAnchor="middle" className="chart-target-label">
            {mark.text}
          </text>
        </g>
      )}
    </svg>
  );
}
