import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from '@railjoint/contracts';

// only what the shared chart definitions use: the console's chunk stays small
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

/**
 * One ECharts instance for a chart definition from the contracts: made when mounted, given the
 * new option when the figures change (not made again), resized with its box, disposed when gone.
 */
export function EChart({ option, renderer = 'canvas', className, testId, label }: { option: ChartOption; renderer?: 'canvas' | 'svg'; className?: string; testId?: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);
  useEffect(() => {
    // notMerge: a series or a category that went away must not linger from the last figures
    chart.current?.setOption(option, { notMerge: true });
  }, [option, renderer]);
  return <div ref={box} className={className} data-testid={testId} role="img" aria-label={label} />;
}
