import crypto from 'node:crypto';
import type { HazardSeverity, HazardType } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { HazardsModule } from './module.js';
import { CSV_COLUMNS } from './section-chiefs.js';
import type { HazardAction } from './model.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '覃', '韦', '蒙', '莫', '梁', '潘', '廖', '罗'];
const GIVEN = ['建国', '志强', '海燕', '立新', '桂兰', '文华', '德明', '秀英', '永福', '春生', '卫东', '丽萍', '国庆', '金凤', '宏伟', '少华'];

/** A stable number from a text, so the same agency always gets the same chief. */
const hashOf = (text: string) => crypto.createHash('sha256').update(text).digest().readUInt32BE(0);
const personFor = (agencyId: string) => {
  const h = hashOf(agencyId);
  return { name: `${SURNAMES[h % SURNAMES.length]}${GIVEN[(h >>> 8) % GIVEN.length]}`, phone: `1397720${String(h % 10000).padStart(4, '0')}` };
};

/** A tiny JPEG (header and an empty scan) standing for a photo taken after the work. */
const PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0x56, 0xff, 0xd9]),
]);

const STEP_M = 1000;

/**
 * The demo department's section chiefs: along every line, the railway police station whose
 * range it is and the township (or county) whose area it crosses, sampled every kilometre and
 * joined into stretches; boundaries nudged off chain breaks so each mileage names one place.
 * Then a handful of hazards in every state, one overdue. Deterministic but for the times.
 */
export async function seedDemoHazards(m: HazardsModule, network: NetworkService, org: OrganisationService, actor: Actor): Promise<{ assignments: number; hazards: number }> {
  const model = network.current();
  const csv: string[] = [CSV_COLUMNS.join(',')];
  const clean = (lineId: string, measure: number, lengthM: number): string => {
    for (let b = measure; b <= lengthM; b += 100) {
      const text = model.atMeasure(lineId, Math.min(b, lengthM)).mileage;
      try {
        const c = model.position(lineId, text).candidates;
        if (c.length === 1 && Math.abs(c[0]!.measureM - Math.min(b, lengthM)) < 2) return text;
      } catch {
        // a mileage the line cannot place back: try a little further on
      }
      if (b >= lengthM) break;
    }
    return model.atMeasure(lineId, lengthM).mileage;
  };
  for (const line of model.lines()) {
    const L = line.ref.lengthM;
    const owners: Array<{ railway: string; local: string } | null> = [];
    for (let k = 0; k * STEP_M < L; k++) {
      const mid = Math.min(L, k * STEP_M + STEP_M / 2);
      try {
        const r = org.resolve({ lineId: line.id, mileage: model.atMeasure(line.id, mid).mileage });
        const railway = r.jurisdiction.find((j) => j.type === 'railway_police_station')?.agencyId;
        const local = r.jurisdiction.find((j) => j.type === 'township')?.agencyId ?? r.jurisdiction.find((j) => j.type === 'county_police_bureau')?.agencyId;
        owners.push(railway && local ? { railway, local } : null);
      } catch {
        owners.push(null);
      }
    }
    let start = 0;
    let fromText = '';
    for (let k = 0; k <= owners.length; k++) {
      const same = k < owners.length && owners[k] && owners[start] && owners[k]!.railway === owners[start]!.railway && owners[k]!.local === owners[start]!.local;
      if (k < owners.length && (same || (!owners[k] && !owners[start]))) continue;
      const o = owners[start];
      const endM = Math.min(L, k * STEP_M);
      const toText = clean(line.id, endM, L);
      fromText ||= clean(line.id, start * STEP_M, L);
      if (o && fromText !== toText) {
        const r = personFor(o.railway);
        const l = personFor(o.local);
        csv.push([line.id, fromText, toText, o.railway, r.name, r.phone, o.local, l.name, l.phone, ''].join(','));
      }
      fromText = toText;
      start = k;
    }
  }
  const imported = await m.chiefs.importCsv(actor, csv.join('\n'));

  const assignments = await m.chiefs.list({});
  const plan: Array<{ type: HazardType; severity: HazardSeverity; description: string; steps: HazardAction[]; overdue?: boolean }> = [
    { type: 'broken_fence', severity: 'major', description: '防护栅栏被剪开约两米缺口，有行人穿越痕迹', steps: [] },
    { type: 'light_materials', severity: 'critical', description: '线路旁大棚塑料薄膜破损翻飞，距接触网约 30 米', steps: ['assign'] },
    { type: 'illegal_building', severity: 'major', description: '保护区内新建砖房一处，正在施工', steps: ['assign', 'start'] },
    { type: 'trees', severity: 'minor', description: '路肩外竹林倾向线路，枝条距接触网不足 2 米', steps: ['assign', 'start', 'rectify'] },
    { type: 'burning', severity: 'minor', description: '村民在路基旁焚烧秸秆', steps: ['assign', 'start', 'rectify', 'verify', 'close'] },
    { type: 'stone_throwing_spot', severity: 'critical', description: '跨线桥下石块堆放，曾有儿童向列车投石', steps: ['assign', 'start'], overdue: true },
  ];
  let made = 0;
  for (const [i, p] of plan.entries()) {
    const a = assignments[Math.floor(((i + 0.5) * assignments.length) / plan.length)];
    if (!a) continue;
    const mileage = model.atMeasure(a.lineId, (a.fromMeasureM + a.toMeasureM) / 2).mileage;
    const h = await m.service.report(actor, { type: p.type, severity: p.severity, description: p.description, place: { lineId: a.lineId, mileage }, source: { kind: 'inspection' } });
    if (p.overdue) {
      // reported five days ago: past its three days, so the sweep escalates it at start
      const back = (iso: string) => new Date(Date.parse(iso) - 5 * 86_400_000).toISOString();
      await m.service.backdate(h.id, back(h.reportedAt), back(h.deadline));
    }
    for (const s of p.steps) {
      if (s === 'rectify') await m.service.addPhoto(actor, h.id, `demo-${h.code}-after`, 'after', { bytes: PHOTO, name: 'after.jpg', declaredType: 'image/jpeg' });
      await m.service.act(actor, h.id, s, s === 'rectify' ? { note: '已清理并加固' } : s === 'verify' ? { note: '复查合格' } : {});
    }
    made++;
  }
  return { assignments: imported.written, hazards: made };
}
