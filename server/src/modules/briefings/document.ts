import { standardCharts, type BriefingFigures } from '@railjoint/contracts';
import { DEPARTMENT_TIME_ZONE } from '../../platform/clock.js';
import { REASON_ZH, type Period } from './model.js';
import { renderSvgs } from './svg.js';

/** What both the HTML and the PDF print: the same words, the same charts. */
export interface BriefingDocument {
  title: string;
  code: string;
  department: string;
  period: Period;
  generatedAt: string;
  figures: BriefingFigures;
}

export const CHART_W = 640;
export const CHART_H = 300;

const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** The charts as SVG strings, rendered once for both files. */
export async function chartSvgs(f: BriefingFigures): Promise<Array<{ title: string; svg: string }>> {
  const charts = standardCharts(f, { lang: 'zh-CN', theme: 'light', fontSize: 12, still: true });
  const svgs = await renderSvgs(charts.map((c) => c.option), CHART_W, CHART_H);
  return charts.map((c, i) => ({ title: c.title, svg: svgs[i]! }));
}

/** 一、总体情况: the period in one paragraph. */
export function overview(f: BriefingFigures): string {
  const t = f.totals;
  const top = f.byCategory.slice(0, 3).map((c) => `${c.name}${c.count}起`);
  return (
    `本期共接报警情${t.received}起，其中一级${t.byPriority.P1}起、二级${t.byPriority.P2}起、三级${t.byPriority.P3}起、四级${t.byPriority.P4}起` +
    `${top.length ? `；居前的类别为${top.join('、')}` : ''}。` +
    `本期办结${t.closed}起，本期接报尚未办结${t.stillOpen}起；启动联合指挥${t.jointCommands}次，移交被拒${t.transfersDeclined}起，超出处置时限${t.limitBreaches}起。`
  );
}

/** 四、各方工作情况: what the other modules report. */
export function moduleLines(f: BriefingFigures): string[] {
  const m = f.modules;
  return [
    `隐患排查：新登记隐患${m.hazards.reported}处，销号${m.hazards.closed}处，期末逾期未整改${m.hazards.overdue}处。`,
    `技防报警：新产生报警${m.alarms.raised}条，经核实误报${m.alarms.falseAlarms}条。`,
    `群防巡逻：排定巡防任务${m.patrols.duties}个，完成巡逻${m.patrols.patrolsFinished}次。`,
    `群众举报：收到群众举报${m.publicReports.received}条。`,
  ];
}

export function notableRows(f: BriefingFigures): string[][] {
  return f.notable.map((x) => [x.code, beijing(x.receivedAt), x.category, x.place, x.leadAgency ?? '—', x.reasons.map((r) => REASON_ZH[r]).join('、')]);
}

export const NOTABLE_HEAD = ['编号', '接报时间', '类别', '地点', '主办单位', '关注原因'];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Self-contained HTML: styles and charts inline, nothing fetched, printable on A4. */
export function briefingHtml(d: BriefingDocument, charts: Array<{ title: string; svg: string }>): string {
  const f = d.figures;
  const rows = notableRows(f);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(d.title)}</title>
<style>
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2933;max-width:860px;margin:24px auto;padding:0 16px;line-height:1.6}
h1{text-align:center;font-size:22px;margin:0 0 4px}
.meta{text-align:center;color:#52606d;font-size:13px;margin-bottom:16px}
h2{font-size:16px;border-bottom:1px solid #cbd2d9;padding-bottom:2px;margin-top:22px}
.charts{display:grid;grid-template-columns:1fr;gap:8px}
figure{margin:0;break-inside:avoid}
figure svg{width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border:1px solid #cbd2d9;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f4f8}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
@page{size:A4;margin:16mm}
</style></head>
<body>
<h1>${esc(d.title)}</h1>
<div class="meta">${esc(d.department)} · ${esc(d.code)} · 生成于 ${esc(beijing(d.generatedAt))}（北京时间）</div>
<h2>一、总体情况</h2>
<p>${esc(overview(f))}</p>
<h2>二、警情分布</h2>
<div class="charts">${charts.map((c) => `<figure aria-label="${esc(c.title)}">${c.svg}</figure>`).join('\n')}</div>
<h2>三、重点警情</h2>
${rows.length ? `<table><thead><tr>${NOTABLE_HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : '<p>本期无重点警情。</p>'}
${f.notableMore ? `<p>另有${f.notableMore}起重点警情未列出。</p>` : ''}
<h2>四、各方工作情况</h2>
${moduleLines(f).map((l) => `<p>${esc(l)}</p>`).join('\n')}
</body></html>
`;
}
