import type { z } from 'zod';
import type { CheckpointInput, LonLat, MemberInput, NetworkGeoJSON, OrganisationDocument, PlanInput, TeamInput } from '@railjoint/contracts';
import { parseMileage } from '@railjoint/contracts';
import { createRng, type Rng } from './prng.js';

/**
 * The demo department's civil defence: each village joint-defence team patrolling its stretch,
 * a joint patrol (联勤联巡) of the 柳州站 police station and the 鱼峰 county bureau, a security
 * company guarding the 柳江 bridge as a sentinel post every two hours, and a township's information
 * officers. Deterministic, like the rest of the demo: the same department every time. The same
 * shape is the bulk import file of `railjoint patrols import`.
 */
export interface CivilDefenceFile {
  teams: Array<{ id: string } & z.input<typeof TeamInput>>;
  members: Array<{ id: string } & z.input<typeof MemberInput>>;
  checkpoints: Array<{ id: string } & z.input<typeof CheckpointInput>>;
  plans: Array<{ id: string } & z.input<typeof PlanInput>>;
}

const SURNAMES = ['韦', '覃', '黄', '莫', '蓝', '廖', '梁', '陆', '蒙', '罗', '潘', '李', '陈', '周', '吴'] as const;
const GIVEN = ['志强', '建华', '桂英', '海波', '秀兰', '德明', '小燕', '国庆', '春梅', '永福', '丽萍', '宏伟', '金凤', '振华', '玉兰', '文军'] as const;
const SKILLS = ['急救', '护网巡查', '夜间巡逻', '无人机', '驾驶', '方言翻译'] as const;

const VALID_FROM = '2026-01-01';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function person(rng: Rng, n: number): { name: string; phone: string } {
  // fictitious numbers in the 170 virtual-operator range, never a real subscriber's
  return { name: rng.pick(SURNAMES) + rng.pick(GIVEN), phone: `170${String(10_000_000 + rng.int(0, 89_999_999) + n).slice(-8)}` };
}

function members(rng: Rng, teamId: string, count: number, accounts: string[]): CivilDefenceFile['members'] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${teamId}-m${i + 1}`,
    teamId,
    personal: person(rng, i),
    username: accounts[i] ?? null,
    skills: [SKILLS[i % SKILLS.length]!, ...(i % 3 === 0 ? [SKILLS[(i + 2) % SKILLS.length]!] : [])],
    certificates: i % 2 === 0 ? [{ name: '护路联防培训', kind: 'training' as const, issuedOn: '2026-03-15', expiresOn: i === 0 ? '2026-12-20' : '2027-03-15' }] : [],
    availability: i === count - 1 ? ('limited' as const) : ('available' as const),
  }));
}

/** Km posts of a line between two mileages, every `step`-th one. */
function postsBetween(network: NetworkGeoJSON, lineId: string, from: string, to: string, step: number): Array<{ mileage: string; at: LonLat }> {
  const line = network.features.find((f) => f.properties.kind === 'line' && f.properties.id === lineId);
  if (!line || line.properties.kind !== 'line') return [];
  const a = parseMileage(from).metres;
  const b = parseMileage(to).metres;
  // posts at a chain break are left out: their mileage means two places
  const inside = line.properties.kmPosts.filter((p) => !p.ahead && parseMileage(p.mileage).metres > a && parseMileage(p.mileage).metres < b);
  return inside.filter((_, i) => i % step === 0).map((p) => ({ mileage: p.mileage, at: p.coordinates }));
}

export function demoCivilDefence(network: NetworkGeoJSON, org: OrganisationDocument): CivilDefenceFile {
  const rng = createRng(20261001);
  const out: CivilDefenceFile = { teams: [], members: [], checkpoints: [], plans: [] };
  const usernames = (agencyId: string) => {
    const code = agencyId.replace(/^vt-/, 'vt.');
    return [`${code}.volunteer1`, `${code}.volunteer2`];
  };

  // the village joint-defence teams, each on its own stretch
  for (const a of org.agencies.filter((x) => x.type === 'volunteer_team')) {
    const range = org.jurisdictions.find((j) => j.agencyId === a.id && j.kind === 'line-range');
    if (!range || range.kind !== 'line-range') continue;
    const teamId = `pt-${a.id}`;
    out.teams.push({ id: teamId, agencyId: a.id, name: a.name, kind: 'township_team', note: null });
    out.members.push(...members(rng.fork(teamId), teamId, 5, usernames(a.id)));
    const cps = postsBetween(network, range.lineId, range.from, range.to, 2).map((p, i) => ({ id: `cp-${a.id}-${i + 1}`, agencyId: a.id, name: `${a.name.replace('护路联防队', '')}${p.mileage}巡防点`, kind: 'checkpoint' as const, place: { lineId: range.lineId, mileage: p.mileage }, radiusM: 50 }));
    out.checkpoints.push(...cps);
    if (cps.length) {
      out.plans.push({
        id: `pp-${a.id}`,
        agencyId: a.id,
        name: `${a.name.replace('护路联防队', '')}护路巡逻`,
        kind: 'patrol',
        stretch: { lineId: range.lineId, from: range.from, to: range.to },
        checkpointIds: cps.map((c) => c.id),
        days: EVERY_DAY,
        windows: [{ from: '08:00', to: '11:00' }, { from: '19:00', to: '21:00' }],
        rounds: 1,
        teamIds: [teamId],
        mode: 'foot',
        validFrom: VALID_FROM,
      });
    }
  }

  // the joint patrol of railway and local police along 湘桂线 by 柳州, arranged by the centre
  const agencies = new Set(org.agencies.map((x) => x.id));
  if (agencies.has('lz-ps-liuzhou') && agencies.has('cb-yufeng') && agencies.has('lz-centre')) {
    out.teams.push({ id: 'pt-lz-ps-liuzhou', agencyId: 'lz-ps-liuzhou', name: '柳州站派出所线路巡逻组', kind: 'railway_police_patrol', note: null });
    out.members.push(...members(rng.fork('ps'), 'pt-lz-ps-liuzhou', 3, ['ps.liuzhou.officer']));
    out.teams.push({ id: 'pt-cb-yufeng', agencyId: 'cb-yufeng', name: '鱼峰分局护路巡逻队', kind: 'local_police_patrol', note: null });
    out.members.push(...members(rng.fork('cb'), 'pt-cb-yufeng', 3, ['yufeng.liaison']));
    const cps = postsBetween(network, 'xianggui', 'K496+500', 'K503+500', 2).map((p, i) => ({ id: `cp-lz-ps-liuzhou-${i + 1}`, agencyId: 'lz-ps-liuzhou', name: `湘桂线${p.mileage}联巡点`, kind: 'checkpoint' as const, place: { lineId: 'xianggui', mileage: p.mileage }, radiusM: 50 }));
    out.checkpoints.push(...cps);
    out.plans.push({
      id: 'pp-joint-liuzhou-yufeng',
      agencyId: 'lz-centre',
      name: '柳州站—鱼峰联勤联巡',
      kind: 'patrol',
      stretch: { lineId: 'xianggui', from: 'K496+500', to: 'K503+500' },
      checkpointIds: cps.map((c) => c.id),
      days: EVERY_DAY,
      windows: [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:00' }],
      rounds: 1,
      teamIds: ['pt-lz-ps-liuzhou', 'pt-cb-yufeng'],
      mode: 'vehicle',
      validFrom: VALID_FROM,
    });
  }

  // a guard post at the 柳江 bridge, kept round the clock with a check-in every two hours
  const bridge = network.features.find((f) => f.properties.kind === 'site' && f.properties.siteType === 'bridge' && f.properties.name.startsWith('柳江') && f.geometry.type === 'Point');
  if (bridge && bridge.geometry.type === 'Point' && agencies.has('sec-liuzhou')) {
    const [lon, lat] = bridge.geometry.coordinates as LonLat;
    out.teams.push({ id: 'pt-sec-liuzhou', agencyId: 'sec-liuzhou', name: `${bridge.properties.name}看护队`, kind: 'guard_post', note: null });
    out.members.push(...members(rng.fork('sec'), 'pt-sec-liuzhou', 4, ['sec.liuzhou.officer']));
    out.checkpoints.push({ id: 'cp-sec-liuzhou-bridge', agencyId: 'sec-liuzhou', name: `${bridge.properties.name}看护点`, kind: 'post', place: { lon, lat }, radiusM: 80, nfcTagId: '04:A2:1B:7C:9D:33:80' });
    out.plans.push({
      id: 'pp-sec-liuzhou-bridge',
      agencyId: 'sec-liuzhou',
      name: `${bridge.properties.name}看护`,
      kind: 'sentinel',
      checkpointIds: ['cp-sec-liuzhou-bridge'],
      days: EVERY_DAY,
      windows: [{ from: '08:00', to: '20:00' }, { from: '20:00', to: '08:00' }],
      checkEveryH: 2,
      teamIds: ['pt-sec-liuzhou'],
      mode: 'foot',
      validFrom: VALID_FROM,
    });
  }

  // information officers (护路信息员) of a township on the line: they report, they do not patrol
  if (agencies.has('tw-yufeng-luorong')) {
    out.teams.push({ id: 'pt-tw-yufeng-luorong-info', agencyId: 'tw-yufeng-luorong', name: '雒容镇护路信息员', kind: 'information_officers', note: null });
    out.members.push(...members(rng.fork('info'), 'pt-tw-yufeng-luorong-info', 3, ['yufeng.luorong.liaison']));
  }
  return out;
}
