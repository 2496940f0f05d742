import type { LonLat, SimDuration, SimulationScenarioInput } from '@railjoint/contracts';
import { distanceM } from '../../../network/geo.js';
import { etaFigures, prepareTarget, type AccessPoint, type DispatchUnit, type EtaModel } from '../../../dispatch/eta.js';

/**
 * The simulator's scenario built from a department's own data. Districts are stretches of line
 * split by the agency that leads there for each category (the responsibility matrix), so the
 * siloed policy sends only that agency's cars; arrivals are the history's counts by category,
 * stretch and Beijing hour over the days it covers; the cars wait at the stretch nearest to where
 * they stand; travel is the dispatch ETA model between stretch middles. Every choice made here
 * is written into `assumptions`, which go back with the result.
 */

export interface StretchPoint {
  coordinates: LonLat;
  measureM: number;
}

export interface Stretch {
  id: string;
  lineId: string;
  label: string;
  /** the middle, where a car posted on the stretch is taken to wait */
  middle: StretchPoint;
  /** a quarter of the stretch from the middle: the mean distance to a point spread evenly over it */
  quarter: StretchPoint;
}

export interface DepartmentData {
  stretches: Stretch[];
  /** past incidents placed on a stretch (index into stretches), ms since epoch */
  events: Array<{ t: number; category: string; stretch: number }>;
  categories: Array<{ id: string; name: string }>;
  agencies: Array<{ id: string; name: string }>;
  /**
   * whose cars answer a category on a stretch, and its response limit: key `${category}@${stretchId}`;
   * byLead false when the matrix's lead has no cars and a supporting or local police agency answers
   */
  lead: Record<string, { agencyId: string; limitS: number; byLead: boolean }>;
  /** the cars that answer along the line, where they stand */
  units: Array<{ id: string; agencyId: string; position: LonLat; callsign?: string }>;
  /** on scene → cleared of closed incidents, seconds, by category */
  serviceS: Record<string, number[]>;
  /** incidents handled and how many of them were transferred, with the transfers' reply delays */
  transfers: { incidents: number; transferred: number; delaysS: number[] };
  access: AccessPoint[];
  /** where the proposed posts are (for joint_optimised_posts) */
  proposedPosts?: LonLat[];
}

/** A car's post moved by the analyst, already checked: where to, and what the place is called. */
export interface PostMove {
  unitId: string;
  to: LonLat;
  toName: string;
}

export interface BuildOptions {
  days: number;
  seed: number;
  staffing: Record<string, number>;
  /** posts moved by hand: applied before staffing, so copies of a moved car stand with it */
  moves?: readonly PostMove[];
  eta: EtaModel;
  lang: 'zh-CN' | 'en';
}

export interface BuiltScenario {
  scenario: SimulationScenarioInput;
  /** each move as modelled: the stretch the car waited at and the one it waits at now */
  moves: Array<{ unitId: string; callsign: string; to: string; from: string; stretch: string }>;
  areaNames: Record<string, string>;
  assumptions: string[];
  /** where the cars go under the proposed posts, said for the reader */
  postAssumptions: string[];
  incidentsPerDay: number;
  historyDays: number;
}

/** Fewer samples than this say little about a distribution: the documented default is used instead. */
export const MIN_SAMPLES = 5;
export const DEFAULT_SERVICE_MEAN_S = 2700;
export const DEFAULT_LIMIT_S = 1800;
export const DEFAULT_TRANSFER = { share: 0.15, minS: 120, maxS: 600 } as const;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Hour of the day in Beijing (no daylight saving since 1991). */
export const beijingHour = (t: number) => Math.floor(((t + BEIJING_OFFSET_MS) % DAY_MS) / 3_600_000);

/** Index of the stretch whose middle is nearest to a point. */
export function nearestStretch(stretches: readonly Stretch[], p: LonLat): number {
  let best = -1;
  let bestD = Infinity;
  stretches.forEach((s, i) => {
    const d = distanceM(s.middle.coordinates, p);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** Units after the staffing factors: rounded per agency; past the agency's own, copies at the same posts. */
export function staffUnits<U extends { id: string; agencyId: string }>(units: readonly U[], staffing: Record<string, number>): U[] {
  const byAgency = new Map<string, U[]>();
  for (const u of units) (byAgency.get(u.agencyId) ?? byAgency.set(u.agencyId, []).get(u.agencyId)!).push(u);
  const out: U[] = [];
  for (const [agencyId, list] of byAgency) {
    const n = Math.round(list.length * (staffing[agencyId] ?? 1));
    for (let k = 0; k < n; k++) {
      const u = list[k % list.length]!;
      const copy = Math.floor(k / list.length);
      out.push(copy === 0 ? u : { ...u, id: `${u.id}#${copy + 1}` });
    }
  }
  return out;
}

/** Each proposed post takes the nearest car not yet moved, the closest pairs first. */
export function assignPosts(units: ReadonlyArray<{ id: string; position: LonLat }>, posts: readonly LonLat[]): Map<string, LonLat> {
  const pairs: Array<[number, number, number]> = [];
  units.forEach((u, i) => posts.forEach((p, j) => pairs.push([distanceM(u.position, p), i, j])));
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const moved = new Map<string, LonLat>();
  const taken = new Set<number>();
  for (const [, i, j] of pairs) {
    if (moved.has(units[i]!.id) || taken.has(j)) continue;
    moved.set(units[i]!.id, posts[j]!);
    taken.add(j);
  }
  return moved;
}

/** Seconds for a car waiting at one stretch's middle to reach a point on another, by the dispatch ETA model. */
export function stretchTravel(stretches: readonly Stretch[], access: readonly AccessPoint[], model: EtaModel): number[][] {
  const byLine = new Map<string, AccessPoint[]>();
  for (const a of access) (byLine.get(a.lineId) ?? byLine.set(a.lineId, []).get(a.lineId)!).push(a);
  const car = (from: Stretch): DispatchUnit => ({ id: from.id, agencyId: '', kind: 'patrol_car', status: 'available', position: from.middle.coordinates, onRailway: false });
  return stretches.map((from) =>
    stretches.map((to) => {
      const point = from === to ? to.quarter : to.middle;
      const prepared = prepareTarget({ coordinates: point.coordinates, placeKind: 'line_enclosure', line: { lineId: to.lineId, measureM: point.measureM } }, byLine.get(to.lineId) ?? []);
      const f = etaFigures(car(from), prepared, model);
      // a line without any way in is still reached, by road, as the straight estimate
      return Math.round(f ? f.etaS : (distanceM(from.middle.coordinates, point.coordinates) * model.speeds.patrol_car!.detour) / (model.speeds.patrol_car!.kmh / 3.6));
    }),
  );
}

export function buildDepartmentScenario(data: DepartmentData, opts: BuildOptions): BuiltScenario {
  const en = opts.lang === 'en';
  const T = (zh: string, e: string) => (en ? e : zh);
  const agencyName = new Map(data.agencies.map((a) => [a.id, a.name]));
  const categoryName = new Map(data.categories.map((c) => [c.id, c.name]));

  // districts: a stretch with one of the agencies that lead or wait there
  const areaIds: string[] = [];
  const areaOwner = new Map<string, string>();
  const areaStretch = new Map<string, number>();
  const areaNames: Record<string, string> = {};
  const areaOf = (stretch: number, agencyId: string) => {
    const id = `${data.stretches[stretch]!.id}|${agencyId}`;
    if (!areaOwner.has(id)) {
      areaIds.push(id);
      areaOwner.set(id, agencyId);
      areaStretch.set(id, stretch);
      areaNames[id] = `${data.stretches[stretch]!.label} · ${agencyName.get(agencyId) ?? agencyId}`;
    }
    return id;
  };

  // arrivals: counts by category, district and Beijing hour over the days the history spans
  let first = Infinity;
  let last = -Infinity;
  for (const e of data.events) {
    first = Math.min(first, e.t);
    last = Math.max(last, e.t);
  }
  const historyDays = data.events.length ? Math.max(1, Math.ceil((last - first) / DAY_MS)) : 0;
  const counts = new Map<string, { categoryId: string; areaId: string; perHour: number[] }>();
  const limitS = new Map<string, number>();
  let unplaced = 0;
  let byOthers = 0;
  for (const e of data.events) {
    const lead = data.lead[`${e.category}@${data.stretches[e.stretch]!.id}`];
    if (!lead) {
      unplaced++;
      continue;
    }
    if (!lead.byLead) byOthers++;
    if (!limitS.has(e.category)) limitS.set(e.category, lead.limitS);
    const areaId = areaOf(e.stretch, lead.agencyId);
    const key = `${e.category}|${areaId}`;
    const c = counts.get(key) ?? counts.set(key, { categoryId: e.category, areaId, perHour: new Array<number>(24).fill(0) }).get(key)!;
    c.perHour[beijingHour(e.t)]!++;
  }
  const rates = [...counts.values()].map((c) => ({ categoryId: c.categoryId, areaId: c.areaId, perHour: c.perHour.map((n) => n / historyDays) }));
  const incidentsPerDay = rates.reduce((a, r) => a + r.perHour.reduce((x, y) => x + y, 0), 0);

  // the cars, moved by hand, then after the staffing change, each waiting on the stretch nearest to it
  const moveOf = new Map((opts.moves ?? []).map((m) => [m.unitId, m]));
  const moves = (opts.moves ?? []).flatMap((m) => {
    const u = data.units.find((x) => x.id === m.unitId);
    return u ? [{ unitId: m.unitId, callsign: u.callsign ?? u.id, to: m.toName, from: data.stretches[nearestStretch(data.stretches, u.position)]!.label, stretch: data.stretches[nearestStretch(data.stretches, m.to)]!.label }] : [];
  });
  const placed = data.units.map((u) => (moveOf.has(u.id) ? { ...u, position: moveOf.get(u.id)!.to } : u));
  const staffed = staffUnits(placed, opts.staffing);
  const kept = new Set(staffed.map((u) => u.id));
  const movedAway = moves.filter((m) => !kept.has(m.unitId));
  const units = staffed.map((u) => ({ id: u.id, agencyId: u.agencyId, postAreaId: areaOf(nearestStretch(data.stretches, u.position), u.agencyId) }));
  const moved = data.proposedPosts?.length ? assignPosts(staffed, data.proposedPosts) : new Map<string, LonLat>();
  const alternativePosts = [...moved].map(([unitId, at]) => ({ unitId, postAreaId: areaOf(nearestStretch(data.stretches, at), staffed.find((u) => u.id === unitId)!.agencyId) }));

  const stretchS = stretchTravel(data.stretches, data.access, opts.eta);
  const seconds = areaIds.map((a) => areaIds.map((b) => stretchS[areaStretch.get(a)!]![areaStretch.get(b)!]!));

  const categories = data.categories
    .filter((c) => limitS.has(c.id))
    .map((c) => {
      const samples = (data.serviceS[c.id] ?? []).filter((s) => Number.isFinite(s) && s >= 0);
      const service: SimDuration = samples.length >= MIN_SAMPLES ? { kind: 'empirical', valuesS: samples.slice(0, 100_000) } : { kind: 'exponential', meanS: DEFAULT_SERVICE_MEAN_S };
      return { id: c.id, name: c.name, limitS: limitS.get(c.id)! > 0 ? limitS.get(c.id)! : DEFAULT_LIMIT_S, service };
    });
  const fromData = (id: string) => (data.serviceS[id]?.length ?? 0) >= MIN_SAMPLES;
  const measuredService = categories.filter((c) => fromData(c.id)).map((c) => categoryName.get(c.id) ?? c.id);

  const tr = data.transfers;
  const transferFromData = tr.incidents >= MIN_SAMPLES * 4 && tr.delaysS.length >= MIN_SAMPLES;
  const transfer = transferFromData
    ? { share: tr.transferred / tr.incidents, delay: { kind: 'empirical' as const, valuesS: tr.delaysS.slice(0, 100_000) } }
    : { share: DEFAULT_TRANSFER.share, delay: { kind: 'uniform' as const, minS: DEFAULT_TRANSFER.minS, maxS: DEFAULT_TRANSFER.maxS } };

  const speed = opts.eta.speeds.patrol_car!;
  const staffingSaid = Object.entries(opts.staffing)
    .filter(([, f]) => f !== 1)
    .map(([id, f]) => `${agencyName.get(id) ?? id} ×${f}`)
    .join(en ? ', ' : '，');
  const assumptions = [
    T(
      `警情：${data.events.length} 起历史警情（导入的历史与已结案警情）覆盖 ${historyDays} 天，按类别、区段和北京时间小时统计为泊松发生率，合计每天约 ${round1(incidentsPerDay)} 起${unplaced ? `；${unplaced} 起无有巡逻车的单位负责，未计入` : ''}。`,
      `Incidents: ${data.events.length} past incidents (imported history and closed incidents) over ${historyDays} days, counted by category, stretch and Beijing hour as Poisson rates, about ${round1(incidentsPerDay)} a day in all${unplaced ? `; ${unplaced} where no agency with patrol cars answers left out` : ''}.`,
    ),
    T(
      `辖区：${data.stretches.length} 个线路区段，按责任矩阵中各类别的主办单位再分，共 ${areaIds.length} 个；分立处置时只由该单位的警力出警。${byOthers ? `主办单位无巡逻车（如工务段、乡镇）的 ${byOthers} 起，由协办或属地公安出警。` : ''}`,
      `Districts: ${data.stretches.length} stretches of line, split by the agency the responsibility matrix names to lead each category there, ${areaIds.length} in all; when siloed only that agency's cars answer.${byOthers ? ` Where the lead has no patrol cars (a maintenance section, a township), ${byOthers} incidents, the supporting or local police answer.` : ''}`,
    ),
    T(
      `警力：${units.length} 辆巡逻车（铁路公安与地方公安），全天在岗，停在距其当前位置最近的区段中点；徒步巡组、值守岗、护路队和乘警不计入。${staffingSaid ? `警力调整：${staffingSaid}。` : ''}`,
      `Units: ${units.length} patrol cars (railway and local police), on duty round the clock, waiting at the middle of the stretch nearest to where they stand; foot teams, station posts, volunteers and train teams are left out.${staffingSaid ? ` Staffing changed: ${staffingSaid}.` : ''}`,
    ),
    ...(moves.length
      ? [
          T(
            `岗位调整：${moves.map((m) => `${m.callsign} 移至${m.to}（等候于 ${m.stretch}${m.stretch === m.from ? '，与原处同一区段，模型中不变' : `，原在 ${m.from}`}）`).join('；')}。${movedAway.length ? `其中 ${movedAway.map((m) => m.callsign).join('、')} 因警力调整不在岗。` : ''}`,
            `Posts moved: ${moves.map((m) => `${m.callsign} to ${m.to} (waits at ${m.stretch}${m.stretch === m.from ? ', the stretch it was on: no change in the model' : `, was at ${m.from}`})`).join('; ')}.${movedAway.length ? ` Of them ${movedAway.map((m) => m.callsign).join(', ')} not on shift after the staffing change.` : ''}`,
          ),
        ]
      : []),
    T(
      `出警时间：派警到达时间模型，巡逻车 ${speed.kmh} km/h、绕行系数 ${speed.detour}，经通道门或车站进入线路（${opts.eta.accessOverheadS.access_gate}/${opts.eta.accessOverheadS.station} 秒），再沿线步行 ${opts.eta.trackWalkKmh} km/h；历史警情只记线路和里程，故均按线路栅栏内计（最慢的情形）；区段内取中点至四分之一处。`,
      `Travel: the dispatch ETA model, a patrol car at ${speed.kmh} km/h with detour ${speed.detour}, into the railway through a gate or station (${opts.eta.accessOverheadS.access_gate}/${opts.eta.accessOverheadS.station} s), then on foot along the track at ${opts.eta.trackWalkKmh} km/h; the history gives only line and mileage, so every incident is taken to be inside the fence (the slowest case); within a stretch, from its middle to a quarter of its length away.`,
    ),
    T(
      `处置时长：${measuredService.length ? `${measuredService.join('、')} 取已结案警情的到场至处置完毕时长；` : ''}其余类别按平均 ${DEFAULT_SERVICE_MEAN_S / 60} 分钟的指数分布（默认值）。时限取责任矩阵的响应时限。`,
      `Time on scene: ${measuredService.length ? `for ${measuredService.join(', ')}, the on-scene → cleared times of closed incidents; ` : ''}otherwise exponential with a mean of ${DEFAULT_SERVICE_MEAN_S / 60} min (default). Limits are the responsibility matrix's response limits.`,
    ),
    transferFromData
      ? T(
          `移交（仅分立处置）：${tr.incidents} 起警情中 ${tr.transferred} 起曾移交，占 ${round1((100 * tr.transferred) / tr.incidents)}%；移交耗时取 ${tr.delaysS.length} 次已答复移交的实际时长。`,
          `Transfers (siloed only): ${tr.transferred} of ${tr.incidents} incidents were transferred, ${round1((100 * tr.transferred) / tr.incidents)}%; delays drawn from ${tr.delaysS.length} answered transfers.`,
        )
      : T(
          `移交（仅分立处置）：数据不足（${tr.incidents} 起警情、${tr.delaysS.length} 次已答复移交），取默认值：${DEFAULT_TRANSFER.share * 100}% 的警情先由非主办单位受理，移交耗时 ${DEFAULT_TRANSFER.minS / 60}–${DEFAULT_TRANSFER.maxS / 60} 分钟均匀分布。`,
          `Transfers (siloed only): too little data (${tr.incidents} incidents, ${tr.delaysS.length} answered transfers), so defaults: ${DEFAULT_TRANSFER.share * 100}% of incidents are first received by an agency that does not lead, and a transfer takes ${DEFAULT_TRANSFER.minS / 60}–${DEFAULT_TRANSFER.maxS / 60} min, evenly spread.`,
        ),
    T(
      `仿真 ${opts.days} 天（另加 1 天预热不计），随机种子 ${opts.seed}；各策略遇到同一批警情。`,
      `${opts.days} simulated days (after one day of warm-up, not counted), seed ${opts.seed}; every policy meets the same incidents.`,
    ),
  ];
  const postAssumptions = moved.size
    ? [
        T(
          `联动+优化岗位：${moved.size} 辆巡逻车移至覆盖规划选出的 ${data.proposedPosts!.length} 个岗位（近者先配），其余停在原处。`,
          `Joint with optimised posts: ${moved.size} patrol cars moved to the ${data.proposedPosts!.length} posts the covering plan chose (nearest pairs first), the others stay.`,
        ),
      ]
    : [];

  return {
    moves,
    scenario: {
      horizonDays: opts.days + 1,
      warmupDays: 1,
      seed: opts.seed,
      agencies: data.agencies.filter((a) => [...areaOwner.values()].includes(a.id) || units.some((u) => u.agencyId === a.id)).map((a) => ({ id: a.id, name: a.name })),
      areas: areaIds.map((id) => ({ id, name: areaNames[id], agencyId: areaOwner.get(id)! })),
      categories,
      arrivals: { kind: 'rates', rates },
      units,
      travel: { kind: 'matrix', seconds },
      transfer,
      alternativePosts,
    },
    areaNames,
    assumptions,
    postAssumptions,
    incidentsPerDay,
    historyDays,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
