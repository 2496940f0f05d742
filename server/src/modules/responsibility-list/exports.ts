import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ResponsibilityListVersion } from '@railjoint/contracts';
import { typeLabel } from '../organisation/reasons-i18n.js';
// the hazard ledger's writer is a generic one (sheets of cells): one XLSX writer in the platform
import { writeXlsx, type Cell } from '../hazards/xlsx.js';
import { limitText } from './model.js';
import { PLACE_ZH, typesZh, versionLine } from './labels.js';

// the CJK font the situation reports, the hazard ledger and the minutes print with
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

/** The list grouped by category, one block per category with its legal basis; the named agencies per type after it. */
export function listPdf(v: ResponsibilityListVersion, department: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, info: { Title: `${department} 权责清单 第${v.number ?? '—'}版`, Author: department, Creator: 'RailJoint' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('zh', path.join(FONT_DIR, 'NotoSansHans-Regular.otf'));
    doc.registerFont('zh-bold', path.join(FONT_DIR, 'NotoSansHans-Bold.otf'));
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    // 场所, 牵头, 配合, 告知, 时限
    const cols = [0.2, 0.2, 0.27, 0.23, 0.1].map((f) => f * width);
    const bottom = () => doc.page.height - doc.page.margins.bottom;
    const row = (cells: string[], bold = false) => {
      doc.font(bold ? 'zh-bold' : 'zh').fontSize(9);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 6 }))) + 4;
      if (doc.y + h > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.text(c, x + 3, y + 2, { width: cols[i]! - 6 });
        x += cols[i]!;
      });
      doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.3).strokeColor('#cbd2d9').stroke();
      doc.x = left;
      doc.y = y + h;
    };
    doc.fillColor('#1f2933').font('zh-bold').fontSize(17).text(`${department} 权责清单`, { align: 'center' });
    doc.font('zh').fontSize(10).fillColor('#52606d').text(versionLine(v), { align: 'center' });
    if (v.note) doc.moveDown(0.3).text(v.note, { align: 'center' });
    doc.fillColor('#1f2933');
    const byCategory = new Map<string, typeof v.rows>();
    for (const r of v.rows) byCategory.set(r.categoryId, [...(byCategory.get(r.categoryId) ?? []), r]);
    for (const rows of byCategory.values()) {
      const first = rows[0]!;
      if (doc.y + 60 > bottom()) doc.addPage();
      doc.moveDown(0.6).font('zh-bold').fontSize(12).text(first.categoryZh, left, doc.y, { width });
      doc.font('zh').fontSize(9).fillColor('#52606d').text(`法律依据：${first.legalBasis}`, left, doc.y, { width });
      doc.fillColor('#1f2933').moveDown(0.2);
      row(['场所', '牵头单位', '配合单位', '告知单位', '处置时限'], true);
      for (const r of rows) row([PLACE_ZH[r.placeKind], typesZh([r.lead]), typesZh(r.support), typesZh(r.inform), limitText(r.timeLimitS, 'zh-CN')]);
    }
    doc.addPage();
    doc.font('zh-bold').fontSize(13).text('附：各类单位名录', left, doc.y, { width });
    for (const t of v.agencies) {
      doc.moveDown(0.4).font('zh-bold').fontSize(10).text(typeLabel(t.type, 'zh-CN'), left, doc.y, { width });
      doc.font('zh').fontSize(9).text(t.agencies.length ? t.agencies.map((a) => a.name).join('、') : '（本处无此类单位）', left, doc.y, { width });
    }
    doc.end();
  });
}

/** The same list as a workbook: one row per category and place kind, and the named agencies per type. */
export function listXlsx(v: ResponsibilityListVersion): Buffer {
  const rows: Cell[][] = [['警情类别', '场所', '牵头单位', '配合单位', '告知单位', '处置时限', '时限（秒）', '法律依据']];
  for (const r of v.rows) rows.push([r.categoryZh, PLACE_ZH[r.placeKind], typesZh([r.lead]), typesZh(r.support), typesZh(r.inform), limitText(r.timeLimitS, 'zh-CN'), r.timeLimitS, r.legalBasis]);
  const agencies: Cell[][] = [['单位类型', '单位']];
  for (const t of v.agencies) for (const a of t.agencies) agencies.push([typeLabel(t.type, 'zh-CN'), a.name]);
  const about: Cell[][] = [['项目', '内容'], ['版本', v.number], ['批准', v.approvedBy], ['批准时间', v.approvedAt ? versionLine(v) : null], ['拟定', v.draftedBy], ['说明', v.note]];
  return Buffer.from(
    writeXlsx([
      { name: '权责清单', rows, widths: [18, 18, 18, 28, 24, 10, 10, 60] },
      { name: '单位名录', rows: agencies, widths: [20, 36] },
      { name: '版本', rows: about, widths: [12, 80] },
    ]),
  );
}
