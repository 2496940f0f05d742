/** A total's trend over the periods before, small enough to sit in a table row. */
export function Sparkline({ values, label }: { values: ReadonlyArray<number | null>; label: string }) {
  const w = 90;
  const h = 22;
  const pts = values.map((v, i) => (v === null ? null : { x: values.length < 2 ? w / 2 : (i * w) / (values.length - 1), y: h - 2 - ((h - 4) * v) / 100 }));
  const path = pts.reduce((acc, p, i) => (p ? `${acc}${acc && pts[i - 1] ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}` : acc), '');
  return (
    <svg className="assessment-spark" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <line x1={0} x2={w} y1={h - 2 - (h - 4) * 0.6} y2={h - 2 - (h - 4) * 0.6} className="assessment-spark-ref" />
      <path d={path} className="assessment-spark-line" />
      {pts.map((p, i) => p && <circle key={i} cx={p.x} cy={p.y} r={i === pts.length - 1 ? 2.5 : 1.5} className="assessment-spark-dot" />)}
    </svg>
  );
}
