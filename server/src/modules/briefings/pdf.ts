import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEPARTMENT_TIME_ZONE } from '../../platform/clock.js';
import { CHART_H, CHART_W, moduleLines, NOTABLE_HEAD, notableRows, overview, type BriefingDocument } from './document.js';

const require = createRequire(import.meta.url);
// svg-to-pdfkit ships no types: only the call made here is declared
type SvgToPdf = (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options: { width: number; height: number; fontCallback: (family: string, bold: boolean) => string }) => void;
const SVGtoPDF = require('svg-to-pdfkit') as SvgToPdf;
// the CJK font the situation reports, the hazard ledger and the minutes print with
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/**
 * The briefing as a PDF: the same sections as the HTML, the charts drawn as vectors from the very
 * SVG the HTML holds (svg-to-pdfkit), their text in the embedded CJK font.
 */
export function briefingPdf(d: BriefingDocument, charts: Array<{ title: string; svg: string }>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: d.title, Author: d.department, Creator: 'RailJoint' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('zh', path.join(FONT_DIR, 'NotoSansHans-Regular.otf'));
    doc.registerFont('zh-bold', path.join(FONT_DIR, 'NotoSansHans-Bold.otf'));
    const width = doc.page.width - 100;
    const h = (t: string) => doc.moveDown(0.6).font('zh-bold').fontSize(13).fillColor('#1f2933').text(t, 50);
    const p = (t: string) => doc.font('zh').fontSize(10).fillColor('#1f2933').text(t, 50, undefined, { width });
    doc.font('zh-bold').fontSize(18).text(d.title, { align: 'center' });
    doc.font('zh').fontSize(10).fillColor('#52606d').text(`${d.department} · ${d.code} · 生成于 ${beijing(d.generatedAt)}（北京时间）`, { align: 'center' });
    const f = d.figures;
    h('一、总体情况');
    p(overview(f));
    h('二、警情分布');
    const chartH = (width * CHART_H) / CHART_W;
    for (const c of charts) {
      if (doc.y + chartH > doc.page.height - 50) doc.addPage();
      const y = doc.y + 4;
      SVGtoPDF(doc, c.svg, 50, y, { width, height: chartH, fontCallback: (_family, bold) => (bold ? 'zh-bold' : 'zh') });
      doc.y = y + chartH + 6;
    }
    h('三、重点警情');
    const rows = notableRows(f);
    if (!rows.length) p('本期无重点警情。');
    else table(doc, NOTABLE_HEAD, rows, [0.17, 0.15, 0.14, 0.24, 0.15, 0.15].map((x) => x * width));
    if (f.notableMore) p(`另有${f.notableMore}起重点警情未列出。`);
    h('四、各方工作情况');
    for (const l of moduleLines(f)) p(l);
    doc.end();
  });
}

function table(doc: PDFKit.PDFDocument, head: string[], rows: string[][], widths: number[]): void {
  const line = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'zh-bold' : 'zh').fontSize(8.5);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + height > doc.page.height - 50) doc.addPage();
    const y = doc.y;
    let x = 50;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, height).lineWidth(0.5).strokeColor('#cbd2d9').stroke();
      doc.fillColor('#1f2933').text(c, x + 3, y + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = 50;
    doc.y = y + height;
  };
  doc.moveDown(0.3);
  line(head, true);
  for (const r of rows) line(r, false);
}
