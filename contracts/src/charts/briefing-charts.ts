import type { ChartLook, ChartOption, ChartTheme } from './options.js';
import { hourChart, rankChart, shareChart } from './options.js';

/** The figures the standard charts are drawn from: a briefing's, or the wall's today. */
export interface ChartFigures {
  byHour: readonly number[];
  byCategory: ReadonlyArray<{ name: string; count: number }>;
  byLine: ReadonlyArray<{ name: string; count: number }>;
  byAgency?: ReadonlyArray<{ name: string; count: number }>;
}

export type StandardChartKey = 'hour' | 'category' | 'line' | 'agency';

const TITLES: Record<StandardChartKey, { zh: string; en: string }> = {
  hour: { zh: '各时段接警数', en: 'Incidents by hour' },
  category: { zh: '警情类别', en: 'By category' },
  line: { zh: '各线路警情', en: 'By line' },
  agency: { zh: '各单位主办警情', en: 'By lead agency' },
};

export interface StandardChart {
  key: StandardChartKey;
  title: string;
  option: ChartOption;
}

/**
 * The charts of a briefing and of the wall, in the reader's language: by hour, by category, by
 * line and (when there are agencies) by lead agency. One definition, drawn by ECharts in the
 * console and rendered to SVG on the server for the HTML and PDF.
 */
export function standardCharts(f: ChartFigures, opts: { lang: 'zh-CN' | 'en'; theme?: ChartTheme; fontSize?: number; still?: boolean }): StandardChart[] {
  const word = (k: StandardChartKey) => (opts.lang === 'en' ? TITLES[k].en : TITLES[k].zh);
  const look = (k: StandardChartKey): ChartLook => ({ title: word(k), theme: opts.theme ?? 'light', fontSize: opts.fontSize ?? 12, still: opts.still ?? false });
  const other = opts.lang === 'en' ? 'other' : '其他';
  const charts: StandardChart[] = [
    { key: 'hour', title: word('hour'), option: hourChart(f.byHour, look('hour')) },
    { key: 'category', title: word('category'), option: shareChart(f.byCategory, { ...look('category'), otherLabel: other }) },
    { key: 'line', title: word('line'), option: rankChart(f.byLine, look('line')) },
  ];
  if (f.byAgency) charts.push({ key: 'agency', title: word('agency'), option: rankChart(f.byAgency, look('agency')) });
  return charts;
}
