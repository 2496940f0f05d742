import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Sitrep } from '@railjoint/contracts';
import { projector, type SitrepMap } from './sitrep-map.js';
import { LABEL_STYLE, layoutMap, scaleBar, type LabelKind, type LabelStyle } from './sitrep-layout.js';
import { printedSections } from './sitrep-model.js';
import type { PrintMeta } from './sitrep-html.js';

// Noto Sans SC (Hans, GB2312 coverage, SIL OFL) from npm: reports must print in Chinese on a
// server with no CJK fonts installed. Only the glyphs used are embedded.
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const REGULAR = path.join(FONT_DIR, 'NotoSansHans-Regular.otf');
const BOLD = path.join(FONT_DIR, 'NotoSansHans-Bold.otf');

const COLOUR: Record<LabelKind, string> = { incident: '#1f2933', station: '#1f2933', unit: '#1565c0' };

function drawMap(doc: PDFKit.PDFDocument, map: SitrepMap, x0: number, y0: number, w: number, h: number): void {
  const at = projector(map, w, h);
  const p = (q: [number, number]) => [x0 + q[0], y0 + q[1]] as const;
  const measure = (text: string, style: LabelStyle) => doc.font(style.bold ? 'zh-bold' : 'zh').fontSize(style.size).widthOfString(text);
  const { markers, labels } = layoutMap(map, w, h, measure);
  doc.save();
  doc.rect(x0, y0, w, h).fillAndStroke('#f4f6f8', '#9aa5b1');
  doc.rect(x0, y0, w, h).clip();
  for (const l of map.lines) {
    for (const run of l.points) {
      run.forEach((pt, k) => {
        const [x, y] = p(at(pt));
        if (k) doc.lineTo(x, y);
        else doc.moveTo(x, y);
      });
      doc.lineWidth(2).lineJoin('round').lineCap('round').strokeColor(l.highSpeed ? '#c8102e' : '#1f2933').stroke();
    }
  }
  for (const m of markers) {
    const [x, y] = p([m.x, m.y]);
    if (m.kind === 'station') doc.circle(x, y, m.r).lineWidth(1).fillAndStroke('#ffffff', '#1f2933');
    else if (m.kind === 'unit') doc.rect(x - m.r, y - m.r, 2 * m.r, 2 * m.r).fill('#1565c0');
    else doc.circle(x, y, m.r).lineWidth(1.5).fillAndStroke('#c8102e', '#ffffff');
  }
  // each label on a pale ground, so a line passing under it does not cross its characters
  for (const l of labels) {
    const [x, y] = p([l.x, l.y]);
    doc.rect(x - 1, y, l.w + 2, l.h).fillOpacity(0.85).fill('#f4f6f8').fillOpacity(1);
    const style = LABEL_STYLE[l.kind];
    doc.font(style.bold ? 'zh-bold' : 'zh').fontSize(style.size).fillColor(COLOUR[l.kind]).text(l.text, x, y + style.size * 0.1, { lineBreak: false });
  }
  const bar = scaleBar(map, w, h);
  doc.moveTo(x0 + 8, y0 + h - 8).lineTo(x0 + 8 + bar.px, y0 + h - 8).lineWidth(1.5).strokeColor('#52606d').stroke();
  doc.font('zh').fontSize(7).fillColor('#52606d').text(bar.text, x0 + 12 + bar.px, y0 + h - 12, { lineBreak: false });
  doc.restore();
}

/** The report as an A4 PDF with the map on the first page. */
export function sitrepPdf(r: Sitrep, map: SitrepMap, meta: PrintMeta): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: r.title, Author: meta.department, Creator: 'RailJoint' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('zh', REGULAR);
    doc.registerFont('zh-bold', BOLD);
    const width = doc.page.width - 100;
    doc.font('zh-bold').fontSize(16).fillColor('#1f2933').text(r.title, { align: 'center' });
    const w = meta.words;
    const stamp = r.status === 'released' ? w.released(r.releasedAt ?? '', r.releasedByName ?? '') : w.draft;
    doc.font('zh').fontSize(9).fillColor(r.status === 'released' ? '#52606d' : '#c8102e').text(`${meta.department} · ${w.issue(r.number)} · ${stamp}`, { align: 'center' });
    doc.moveDown(0.5);
    const mapH = width * 0.62;
    const top = doc.y;
    drawMap(doc, map, 50, top, width, mapH);
    // drawing the labels moved the text cursor: the caption goes right under the map, not after it
    doc.y = top + mapH + 4;
    doc.font('zh').fontSize(8).fillColor('#52606d').text(w.mapCaption, 50, doc.y, { width, align: 'center' });
    for (const s of printedSections(r)) {
      doc.moveDown(0.6);
      doc.font('zh-bold').fontSize(12).fillColor('#1f2933').text(s.heading, 50, doc.y, { width });
      doc.font('zh').fontSize(10).fillColor('#1f2933').text(s.body || '—', { width, lineGap: 2 });
    }
    doc.moveDown(1);
    doc.font('zh').fontSize(8).fillColor('#52606d').text(w.printedAt(meta.printedAt), { align: 'right' });
    doc.end();
  });
}
