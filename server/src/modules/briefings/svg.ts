import type { ChartOption } from '@railjoint/contracts';

// loaded on the first briefing, not with the server: most starts never draw a chart
let echartsLib: Promise<typeof import('echarts')> | null = null;

/**
 * Server-side ECharts: the same option objects the console draws, rendered to SVG strings (no DOM,
 * no canvas). Animation is forced off, or the string would hold the first frame.
 */
export async function renderSvgs(options: ChartOption[], width: number, height: number): Promise<string[]> {
  const echarts = await (echartsLib ??= import('echarts'));
  return options.map((option) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      chart.setOption({ ...option, animation: false });
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  });
}
