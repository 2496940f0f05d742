import { ASPECTS, type AspectScores } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** Score colours: red below 40, amber below 70, green from 70 (of 100). */
export function scoreColour(score: number): string {
  return score < 40 ? '#b3261e' : score < 70 ? '#d98a12' : '#1e7a46';
}

/** The four aspects as bars (0–100), the weakest one outlined: a glance says where the site is open. */
export function AspectBars({ aspects, weakest, compact = false }: { aspects: AspectScores; weakest?: string; compact?: boolean }) {
  const { t, num } = useT();
  const w = compact ? 120 : 260;
  const row = compact ? 7 : 18;
  const label = compact ? 0 : 72;
  return (
    <svg className="space-bars" width={w} height={ASPECTS.length * row} viewBox={`0 0 ${w} ${ASPECTS.length * row}`} role="img" aria-label={ASPECTS.map((a) => `${t(`space.aspect.${a}`)} ${num(aspects[a])}`).join('，')}>
      {ASPECTS.map((a, i) => {
        const len = ((w - label - (compact ? 0 : 34)) * aspects[a]) / 100;
        return (
          <g key={a} transform={`translate(0 ${i * row})`} data-aspect={a}>
            {!compact && (
              <text x={0} y={row - 5} fontSize="12" fill="#445">
                {t(`space.aspect.${a}`)}
              </text>
            )}
            <rect x={label} y={1} width={w - label - (compact ? 0 : 34)} height={row - 3} fill="#eef0f3" />
            <rect x={label} y={1} width={Math.max(1, len)} height={row - 3} fill={scoreColour(aspects[a])} stroke={a === weakest ? '#222' : 'none'} strokeWidth={a === weakest ? 1.5 : 0} />
            {!compact && (
              <text x={w - 30} y={row - 5} fontSize="12" fill="#223">
                {num(aspects[a], 0)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** The totals of a site's assessments over time, oldest to newest. */
export function TotalTrend({ totals }: { totals: number[] }) {
  if (totals.length < 2) return null;
  const w = 200;
  const h = 40;
  const x = (i: number) => 4 + (i * (w - 8)) / (totals.length - 1);
  const y = (v: number) => h - 4 - ((h - 8) * v) / 100;
  return (
    <svg className="space-trend" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <polyline points={totals.map((v, i) => `${x(i)},${y(v)}`).join(' ')} fill="none" stroke="#2f6fb5" strokeWidth="2" />
      {totals.map((v, i) => (
        <circle key={i} cx={x(i)} cy={y(v)} r="3" fill={scoreColour(v)} />
      ))}
    </svg>
  );
}
