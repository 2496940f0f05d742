import { YGrid } from '../alarms/charts';

/**
 * A device's alarms per Beijing day with the part marked false drawn over them in the warning
 * colour, as inline SVG like the KPI page's charts: whether false alarms come in bursts (a storm,
 * a crew at work) or steadily (a badly placed sensor) is what the owner decides the repair by.
 */
export function FalseDailyChart({ days, label, alarmsText, falseText }: { days: ReadonlyArray<{ day: string; alarms: number; falseAlarms: number }>; label: string; alarmsText: string; falseText: string }) {
  const W = 640;
  const H = 180;
  const left = 30;
  const right = 8;
  const top = 22;
  const bottom = 22;
  const n = Math.max(days.length, 1);
  const max = Math.max(1, ...days.map((d) => d.alarms));
  const step = max <= 5 ? 1 : Math.ceil(max / 4);
  const ticks: number[] = [];
  for (let v = 0; v <= max; v += step) ticks.push(v);
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const slot = plotW / n;
  // a label about every week, so a month or a year stays readable
  const every = Math.max(1, Math.round(n / 6));
  return (
    <svg className="kpi-chart device-false-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="device-false-chart">
      <YGrid ticks={ticks} y={y} x1={left} x2={W - right} />
      {days.map((d, i) => (
        <g key={d.day} data-testid="device-false-day" data-day={d.day} data-alarms={d.alarms} data-false={d.falseAlarms}>
          <title>{`${d.day.slice(5).replace('-', '/')} · ${alarmsText} ${d.alarms} · ${falseText} ${d.falseAlarms}`}</title>
          <rect x={left + i * slot + slot * 0.15} width={slot * 0.7} y={y(d.alarms)} height={Math.max(0, top + plotH - y(d.alarms))} className="chart-bar" />
          <rect x={left + i * slot + slot * 0.15} width={slot * 0.7} y={y(d.falseAlarms)} height={Math.max(0, top + plotH - y(d.falseAlarms))} className="chart-bar chart-bar-warn" />
          {(n - 1 - i) % every === 0 && (
            <text x={left + i * slot + slot / 2} y={H - 6} textAnchor="middle" className="chart-axis">
              {`${Number(d.day.slice(5, 7))}/${Number(d.day.slice(8, 10))}`}
            </text>
          )}
        </g>
      ))}
      <g transform={`translate(${left} 4)`}>
        <rect width={10} height={10} className="chart-bar" />
        <text x={14} y={9} className="chart-axis">
          {alarmsText}
        </text>
        <rect x={90} width={10} height={10} className="chart-bar chart-bar-warn" />
        <text x={104} y={9} className="chart-axis">
          {falseText}
        </text>
      </g>
    </svg>
  );
}
