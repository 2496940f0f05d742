/**
 * The chart definitions shared by the console (ECharts in the browser) and the server (the same
 * ECharts rendering SVG for the briefings' HTML and PDF): pure functions from figures to ECharts
 * option objects. They are typed loosely on purpose, so the contracts never load echarts at run
 * time; whoever draws them hands the object to `chart.setOption`.
 */
export type ChartOption = Record<string, unknown>;

export interface ChartItem {
  name: string;
  count: number;
}

/** Light for paper and the console's rooms, dark for the wall (指挥大屏), read from across the room. */
export type ChartTheme = 'light' | 'dark';

export interface ChartLook {
  title: string;
  theme?: ChartTheme;
  /** base font size in pixels; the wall passes a large one */
  fontSize?: number;
  /** no animation: what the server renders once, and what a wall redraws every few seconds */
  still?: boolean;
}

export const PALETTE = ['#2f6fde', '#e8684a', '#5ab26d', '#f0b429', '#8e6fd8', '#3fb5c4', '#d6588f', '#7f8c9b', '#a2c037', '#c4863f'];

export function base(look: ChartLook): ChartOption & { textStyle: { fontSize: number; color: string; fontFamily: string } } {
  const dark = look.theme === 'dark';
  const fontSize = look.fontSize ?? 12;
  return {
    animation: !look.still,
    color: PALETTE,
    backgroundColor: 'transparent',
    textStyle: {
      fontSize,
      color: dark ? '#e6edf5' : '#1f2933',
      // single quotes: ECharts writes the family into an SVG style attribute without escaping
      fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    },
    title: { text: look.title, left: 'center', top: 4, textStyle: { fontSize: Math.round(fontSize * 1.25), fontWeight: 'bold', color: dark ? '#ffffff' : '#1f2933' } },
  };
}

export function axisLook(look: ChartLook) {
  const dark = look.theme === 'dark';
  return {
    axisLine: { lineStyle: { color: dark ? '#6b7c93' : '#9aa5b1' } },
    axisLabel: { color: dark ? '#c8d3df' : '#3e4c59', fontSize: look.fontSize ?? 12 },
    splitLine: { lineStyle: { color: dark ? '#2a3a4f' : '#e4e7eb' } },
  };
}

/** Incidents received in each hour of the Beijing day (0–23). */
export function hourChart(byHour: readonly number[], look: ChartLook): ChartOption {
  const b = base(look);
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  return {
    ...b,
    grid: { left: 40, right: 16, top: b.textStyle.fontSize * 3, bottom: 28, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: hours, ...axisLook(look), axisLabel: { ...axisLook(look).axisLabel, interval: 1 } },
    yAxis: { type: 'value', minInterval: 1, ...axisLook(look) },
    series: [{ type: 'bar', name: look.title, data: hours.map((_, h) => byHour[h] ?? 0), itemStyle: { color: PALETTE[0] }, barMaxWidth: 28 }],
  };
}

/** Shares of a whole, largest first; the tail beyond `top` is summed as one slice. */
export function shareChart(items: readonly ChartItem[], look: ChartLook & { top?: number; otherLabel?: string }): ChartOption {
  const b = base(look);
  const top = look.top ?? 8;
  const sorted = [...items].filter((x) => x.count > 0).sort((a, z) => z.count - a.count || a.name.localeCompare(z.name));
  const shown = sorted.slice(0, top).map((x) => ({ name: x.name, value: x.count }));
  const rest = sorted.slice(top).reduce((s, x) => s + x.count, 0);
  if (rest > 0) shown.push({ name: look.otherLabel ?? '其他', value: rest });
  return {
    ...b,
    tooltip: { trigger: 'item' },
    legend: { type: 'plain', orient: 'vertical', left: 8, top: b.textStyle.fontSize * 3, textStyle: { color: b.textStyle.color, fontSize: b.textStyle.fontSize } },
    series: [
      {
        type: 'pie',
        name: look.title,
        radius: ['35%', '65%'],
        center: ['62%', '56%'],
        data: shown,
        label: { formatter: '{b} {c}', color: b.textStyle.color, fontSize: b.textStyle.fontSize },
      },
    ],
  };
}

/** Counts by line, agency or anything named: horizontal bars, largest on top, at most `top`. */
export function rankChart(items: readonly ChartItem[], look: ChartLook & { top?: number }): ChartOption {
  const b = base(look);
  const sorted = [...items].filter((x) => x.count > 0).sort((a, z) => z.count - a.count || a.name.localeCompare(z.name)).slice(0, look.top ?? 10);
  // a horizontal bar chart reads bottom-up: reverse so the largest is at the top
  const rows = sorted.reverse();
  return {
    ...b,
    grid: { left: 8, right: 40, top: b.textStyle.fontSize * 3, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, ...axisLook(look) },
    yAxis: { type: 'category', data: rows.map((x) => x.name), ...axisLook(look) },
    series: [{ type: 'bar', name: look.title, data: rows.map((x) => x.count), itemStyle: { color: PALETTE[1] }, barMaxWidth: 24, label: { show: true, position: 'right', color: b.textStyle.color, fontSize: b.textStyle.fontSize } }],
  };
}
