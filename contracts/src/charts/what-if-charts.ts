import { axisLook, base, PALETTE, type ChartLook, type ChartOption } from './options.js';

/**
 * What-if runs side by side (仿真推演): one bar per run and policy, for one figure (p90 response,
 * share within the limit, utilisation). A figure a run does not have (no incidents counted) is a
 * gap, not a zero that would read as instant.
 */
export function whatIfCompareChart(labels: readonly string[], values: ReadonlyArray<number | null>, look: ChartLook & { unitLabel?: string; /** one per bar, e.g. by policy */ colours?: readonly string[] }): ChartOption {
  const b = base(look);
  return {
    ...b,
    grid: { left: 8, right: 16, top: b.textStyle.fontSize * 3, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: look.unitLabel ? `{value}${look.unitLabel}` : undefined },
    xAxis: { type: 'category', data: [...labels], ...axisLook(look), axisLabel: { ...axisLook(look).axisLabel, interval: 0, overflow: 'break', width: 110 } },
    yAxis: { type: 'value', ...axisLook(look), ...(look.unitLabel ? { name: look.unitLabel } : {}) },
    series: [
      {
        type: 'bar',
        name: look.title,
        barMaxWidth: 48,
        data: values.map((v, i) => (v === null ? '-' : { value: v, itemStyle: { color: look.colours?.[i] ?? PALETTE[i % PALETTE.length] } })),
        label: { show: true, position: 'top', formatter: look.unitLabel ? `{c}${look.unitLabel}` : '{c}' },
      },
    ],
  };
}
