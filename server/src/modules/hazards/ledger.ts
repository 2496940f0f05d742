import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hazard, HazardLedger, HazardQuery, LedgerRow } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { DEPARTMENT_TIME_ZONE, nowIso } from '../../platform/clock.js';
import type { OrganisationService } from '../organisation/service.js';
import type { HazardService } from './service.js';
import { writeXlsx, type Cell } from './xlsx.js';

// the CJK font the situation reports print with (reports/sitrep-pdf.ts): servers often have none
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const REGULAR = path.join(FONT_DIR, 'NotoSansHans-Regular.otf');
const BOLD = path.join(FONT_DIR, 'NotoSansHans-Bold.otf');

export const TYPE_ZH: Record<Hazard['type'], string> = {
  broken_fence: '护网破损',
  illegal_crossing: '非法通道',
  illegal_building: '违法建筑',
  quarrying: '采石取土',
  light_materials: '轻飘物',
  trees: '树木',
  livestock: '放牧牲畜',
  burning: '焚烧',
  rock_fall: '落石/边坡',
  stone_throwing_spot: '投石点',
  cable_theft_exposure: '电缆外露易盗',
  other: '其他',
};
export const SEVERITY_ZH: Record<Hazard['severity'], string> = { minor: '一般', major: '较大', critical: '重大' };
export const STATUS_ZH: Record<Hazard['status'], string> = { reported: '已上报', assigned: '已分派', rectifying: '整改中', rectified: '已整改', verified: '已验收', closed: '已销号', rejected: '已驳回' };

const BEIJING = new Intl.DateTimeFormat('sv-SE', { timeZone: DEPARTMENT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** Times as the department reads them: Beijing time, to the minute (`2026-12-01 09:30`). */
export const beijing = (iso: string | null): string | null => (iso ? BEIJING.format(new Date(iso)) : null);

function tally(hazards: readonly Hazard[], keysOf: (h: Hazard) => Array<{ key: string; name: string }>): LedgerRow[] {
  const rows = new Map<string, LedgerRow>();
  for (const h of hazards) {
    for (const { key, name } of keysOf(h)) {
      const r = rows.get(key) ?? { key, name, total: 0, open: 0, overdue: 0, closed: 0 };
      r.total++;
      if (h.status === 'closed') r.closed++;
      else if (h.status !== 'rejected') r.open++;
      if (h.overdue) r.overdue++;
      rows.set(key, r);
    }
  }
  // the most overdue first, then the most open, then by name
  return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * The ledger (台账): the hazards a reader may read, with counts per township, section and owner
 * (a hazard counts for both its section chiefs' agencies), open and overdue, and the same as an
 * XLSX workbook and a PDF.
 */
export class HazardLedgerService {
  constructor(
    private readonly hazards: HazardService,
    private readonly org: OrganisationService,
  ) {}

  async ledger(actor: Actor, q: Partial<HazardQuery>): Promise<HazardLedger> {
    const list = await this.hazards.list(actor, { limit: 5000, ...q } as HazardQuery);
    return {
      at: nowIso(),
      totals: tally(list, () => [{ key: 'all', name: '合计' }])[0] ?? { key: 'all', name: '合计', total: 0, open: 0, overdue: 0, closed: 0 },
      byTownship: tally(list, (h) => [{ key: h.townshipId ?? '-', name: h.townshipName ?? '（无乡镇）' }]),
      bySection: tally(list, (h) => [{ key: h.sectionId ?? `${h.lineId}:-`, name: h.sectionName ? `${h.lineName} ${h.sectionName}` : `${h.lineName}（站内）` }]),
      byOwner: tally(list, (h) => [
        { key: h.railwayOwner.agencyId, name: h.railwayOwner.agencyName },
        { key: h.localOwner.agencyId, name: h.localOwner.agencyName },
      ]),
      hazards: list,
    };
  }

  static listRows(list: readonly Hazard[]): Cell[][] {
    return [
      ['编号', '类型', '等级', '状态', '线路', '里程', '区间', '位置', '乡镇', '铁路段长单位', '铁路段长', '地方段长单位', '地方段长', '发现单位', '上报时间', '整改期限', '超期', '销号时间', '描述'],
      ...list.map((h) => [
        h.code,
        TYPE_ZH[h.type],
        SEVERITY_ZH[h.severity],
        STATUS_ZH[h.status],
        h.lineName,
        h.mileage,
        h.sectionName,
        h.protectionZone ? (h.placeKind === 'line_enclosure' ? '线路封闭区内' : h.protectionZone.inside ? `保护区内（${h.protectionZone.widthM} 米）` : '保护区外') : h.placeKind,
        h.townshipName,
        h.railwayOwner.agencyName,
        h.railwayOwner.chief,
        h.localOwner.agencyName,
        h.localOwner.chief,
        h.finderAgencyName,
        beijing(h.reportedAt),
        beijing(h.deadline),
        h.overdue ? '是' : '否',
        beijing(h.closedAt),
        h.description,
      ]),
    ];
  }

  static countRows(title: string, rows: readonly LedgerRow[]): Cell[][] {
    return [[title, '隐患总数', '未办结', '超期', '已销号'], ...rows.map((r) => [r.name, r.total, r.open, r.overdue, r.closed])];
  }

  xlsx(l: HazardLedger): Buffer {
    return Buffer.from(
      writeXlsx([
        { name: '隐患台账', rows: HazardLedgerService.listRows(l.hazards), widths: [18, 12, 6, 8, 10, 12, 16, 18, 14, 22, 8, 22, 8, 22, 24, 24, 5, 24, 40] },
        { name: '按乡镇', rows: HazardLedgerService.countRows('乡镇（街道）', l.byTownship), widths: [24, 10, 10, 8, 10] },
        { name: '按区间', rows: HazardLedgerService.countRows('区间', l.bySection), widths: [30, 10, 10, 8, 10] },
        { name: '按责任单位', rows: HazardLedgerService.countRows('责任单位', l.byOwner), widths: [30, 10, 10, 8, 10] },
      ]),
    );
  }

  pdf(l: HazardLedger, department: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: '安全隐患台账', Author: department, Creator: 'RailJoint' } });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.registerFont('zh', REGULAR);
      doc.registerFont('zh-bold', BOLD);
      doc.font('zh-bold').fontSize(16).fillColor('#1f2933').text('安全隐患台账（双段长制）', { align: 'center' });
      doc.font('zh').fontSize(9).fillColor('#52606d').text(`${department} · 截至 ${beijing(l.at)}（北京时间） · 共 ${l.totals.total} 条，未办结 ${l.totals.open} 条，超期 ${l.totals.overdue} 条，已销号 ${l.totals.closed} 条`, { align: 'center' });
      doc.moveDown();
      const table = (heads: string[], widths: number[], rows: Cell[][], overdueCol = -1) => {
        const x0 = doc.page.margins.left;
        const line = (cells: Cell[], bold: boolean, red: boolean) => {
          if (doc.y > doc.page.height - doc.page.margins.bottom - 24) doc.addPage();
          const y = doc.y;
          let x = x0;
          let h = 0;
          cells.forEach((c, i) => {
            const text = c === null ? '' : String(c);
            doc.font(bold ? 'zh-bold' : 'zh').fontSize(8).fillColor(red ? '#c8102e' : '#1f2933');
            h = Math.max(h, doc.heightOfString(text, { width: widths[i]! - 4 }));
            doc.text(text, x + 2, y, { width: widths[i]! - 4 });
            x += widths[i]!;
          });
          doc.x = x0;
          doc.y = y + h + 3;
          doc.moveTo(x0, doc.y - 1.5).lineTo(x, doc.y - 1.5).lineWidth(0.3).strokeColor('#cbd2d9').stroke();
        };
        line(heads, true, false);
        for (const r of rows) line(r, false, overdueCol >= 0 && r[overdueCol] === '是');
        doc.moveDown();
      };
      const section = (title: string) => doc.font('zh-bold').fontSize(11).fillColor('#1f2933').text(title, doc.page.margins.left);
      for (const [title, rows] of [
        ['按乡镇（街道）', l.byTownship],
        ['按区间', l.bySection],
        ['按责任单位', l.byOwner],
      ] as const) {
        section(title);
        table(['名称', '总数', '未办结', '超期', '已销号'], [260, 60, 60, 60, 60], rows.map((r) => [r.name, r.total, r.open, r.overdue, r.closed]));
      }
      section('隐患明细');
      const all = HazardLedgerService.listRows(l.hazards);
      const pick = [0, 1, 2, 3, 4, 5, 8, 9, 11, 15, 16];
      table(
        pick.map((i) => String(all[0]![i])),
        [88, 56, 30, 40, 56, 64, 78, 110, 110, 100, 28],
        all.slice(1).map((r) => pick.map((i) => r[i]!)),
        10,
      );
      doc.end();
    });
  }

  department(): string {
    return this.org.centres()[0]?.name ?? 'RailJoint';
  }
}
