import { axisLook, base, PALETTE, type ChartLook, type ChartOption } from './options.js';

/**
 * The SFIC view's charts: one indicator month by month against its target, and the survey's
 * component means quarter by quarter on the 1–5 scale. Gaps (nothing measured) stay gaps rather
 * than drawn as zero.
 */
export function trendChart(labels: readonly string[], values: ReadonlyArray<number | null>, look: ChartLook & { target?: number; unitLabel?: string }): ChartOption {
  const b = base(look);
  return {
    ...b,
    title: { ...(b.title as object), textStyle: { fontSize: b.textStyle.fontSize, fontWeight: 'normal', color: b.textStyle.color }, left: 0 },
    grid: { left: 4, right: 12, top: b.textStyle.fontSize * 2.4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: look.unitLabel ? `{value}${look.unitLabel}` : undefined },
    xAxis: { type: 'category', data: [...labels], ...axisLook(look), axisLabel: { ...axisLook(look).axisLabel, fontSize: Math.max(9, (look.fontSize ?? 12) - 2) } },
    yAxis: { type: 'value', scale: true, ...axisLook(look), axisLabel: { ...axisLook(look).axisLabel, fontSize: Math.max(9, (look.fontSize ?? 12) - 2) } },
    series: [
      {
        type: 'line',
        name: look.title,
        data: values.map((v) => (v === null ? '-' : v)),
        connectNulls: false,
        symbolSize: 5,
        itemStyle: { color: PALETTE[0] },
        ...(look.target === undefined ? {} : { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: PALETTE[1] }, label: { show: false }, data: [{ yAxis: look.target }] } }),
      },
    ],
  };
}

export function surveyChart(quarters: readonly string[], components: ReadonlyArray<{ name: string; means: ReadonlyArray<number | null> }>, look: ChartLook): ChartOption {
  const b = base(look);
  return {
    ...b,
    grid: { left: 8, right: 16, top: b.textStyle.fontSize * 3, bottom: b.textStyle.fontSize * 3.5, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, textStyle: { color: b.textStyle.color, fontSize: b.textStyle.fontSize } },
    xAxis: { type: 'category', data: [...quarters], ...axisLook(look) },
    yAxis: { type: 'value', min: 1, max: 5, interval: 1, ...axisLook(look) },
    series: components.map((c, i) => ({ type: 'line', name: c.name, data: c.means.map((v) => (v === null ? '-' : v)), connectNulls: false, symbolSize: 6, itemStyle: { color: PALETTE[i % PALETTE.length] } })),
  };
}
