import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Meeting } from '@railjoint/contracts';
import { DEPARTMENT_TIME_ZONE } from '../../platform/clock.js';
import { MEETING_TYPE_ZH } from './service.js';

// the CJK font the situation reports and the hazard ledger print with
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

const beijing = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** The minutes (会议纪要) as a PDF: the meeting, who came, the agenda with the decisions carried over, the minutes and the decisions with owners and due dates. */
export function minutesPdf(m: Meeting, department: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${m.title} 会议纪要`, Author: department, Creator: 'RailJoint' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('zh', path.join(FONT_DIR, 'NotoSansHans-Regular.otf'));
    doc.registerFont('zh-bold', path.join(FONT_DIR, 'NotoSansHans-Bold.otf'));
    const h = (t: string) => doc.moveDown(0.6).font('zh-bold').fontSize(12).fillColor('#1f2933').text(t);
    const p = (t: string) => doc.font('zh').fontSize(10).fillColor('#1f2933').text(t);
    doc.font('zh-bold').fontSize(17).text(`${m.title}`, { align: 'center' });
    doc.font('zh').fontSize(10).fillColor('#52606d').text(`${MEETING_TYPE_ZH[m.type]} · ${m.code} · ${beijing(m.scheduledAt)}${m.place ? ` · ${m.place}` : ''}`, { align: 'center' });
    h('参会单位');
    for (const a of m.agencies) p(`${a.agencyName}：${a.attended === null ? '—' : a.attended ? `出席${a.representative ? `（${a.representative}）` : ''}` : '缺席'}`);
    h('议程');
    m.agenda.forEach((x) => p(`${x.seq}. ${x.title}${x.notes ? `——${x.notes}` : ''}`));
    if (m.carried.length) {
      h('上次会议未办结决议');
      for (const d of m.carried) p(`${d.code} ${d.text}（${d.ownerAgencyName}，${beijing(d.dueAt)} 前${d.overdue ? '，已逾期' : ''}）`);
    }
    h('会议纪要');
    p(m.minutes ?? '（尚未记录）');
    h('决议');
    if (!m.decisions.length) p('无');
    for (const d of m.decisions) p(`${d.code} ${d.text}——责任单位：${d.ownerAgencyName}；完成时限：${beijing(d.dueAt)}；指令 ${d.taskCode}`);
    doc.end();
  });
}
