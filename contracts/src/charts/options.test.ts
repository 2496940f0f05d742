import { describe, expect, it } from 'vitest';
import { hourChart, rankChart, shareChart } from './options.js';
import { standardCharts } from './briefing-charts.js';

const series = (o: Record<string, unknown>) => (o.series as Array<{ data: unknown[] }>)[0]!.data;

describe('the shared chart definitions', () => {
  it('draws 24 hours, missing ones as zero', () => {
    const o = hourChart([1, 2], { title: '各时段' });
    expect((o.xAxis as { data: string[] }).data).toHaveLength(24);
    expect(series(o)).toEqual([1, 2, ...Array(22).fill(0)]);
  });
  it('ranks the largest on top and keeps at most ten', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ name: `线${i}`, count: i + 1 }));
    const o = rankChart([...items, { name: '空', count: 0 }], { title: '各线路' });
    const names = (o.yAxis as { data: string[] }).data;
    // read bottom-up: the last category is drawn on top
    expect(names).toHaveLength(10);
    expect(names[names.length - 1]).toBe('线11');
    expect(series(o)[9]).toBe(12);
  });
  it('sums the tail of a share into one slice', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ name: `类${i}`, count: 10 - i }));
    const data = series(shareChart(items, { title: '类别', top: 3, otherLabel: '其他' })) as Array<{ name: string; value: number }>;
    expect(data.map((d) => d.name)).toEqual(['类0', '类1', '类2', '其他']);
    expect(data.reduce((s, d) => s + d.value, 0)).toBe(55);
  });
  it('titles the standard charts in the reader’s language, the wall’s dark and still', () => {
    const f = { byHour: [], byCategory: [], byLine: [], byAgency: [] };
    expect(standardCharts(f, { lang: 'en' }).map((c) => c.title)).toEqual(['Incidents by hour', 'By category', 'By line', 'By lead agency']);
    const wall = standardCharts({ byHour: [], byCategory: [], byLine: [] }, { lang: 'zh-CN', theme: 'dark', still: true });
    expect(wall.map((c) => c.key)).toEqual(['hour', 'category', 'line']);
    expect(wall[0]!.option.animation).toBe(false);
  });
});
