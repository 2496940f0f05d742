import type { SimDuration, SimulationPolicy, SimulationScenario } from '@railjoint/contracts';

/**
 * A scenario turned into indexed arrays for the simulator's inner loop: districts, categories,
 * units and agencies by position, travel as one flat matrix, each district's units in the order the
 * policy would send them. Refusals that depend on the policy chosen (which the scenario's own
 * schema cannot know when the command line overrides it) name their field here.
 */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly zh: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface CompiledScenario {
  policy: SimulationPolicy;
  seed: number;
  horizonS: number;
  warmupS: number;
  areaIds: string[];
  categoryIds: string[];
  unitIds: string[];
  agencyIds: string[];
  /** owning agency of each district */
  areaOwner: Int32Array;
  transferShare: Float64Array;
  limitS: Float64Array;
  service: SimDuration[];
  transferDelay: SimDuration;
  /** seconds from a post in district i to district j at [i * areas + j] */
  travel: Float64Array;
  unitAgency: Int32Array;
  unitPost: Int32Array;
  /** the queue a unit serves and an incident waits in: its agency when siloed, one for all when joint */
  unitPool: Int32Array;
  areaPool: Int32Array;
  pools: number;
  /** units that may answer district a, nearest first: prefUnits[prefStart[a] .. prefStart[a + 1]) */
  prefStart: Int32Array;
  prefUnits: Int32Array;
  /** each unit's daily duty windows [from, to) in seconds of the day, merged; null = always on duty */
  duty: Array<Float64Array | null>;
  arrivals:
    | { kind: 'rates'; streamCategory: Int32Array; streamArea: Int32Array; hourTotal: Float64Array; /** [hour * streams + s], per hour */ cumulative: Float64Array; expected: number }
    | { kind: 'history'; atS: Float64Array; category: Int32Array; area: Int32Array };
}

const DAY = 86_400;

/** Duty windows of a day, merged and sorted; null when they cover the whole day. */
export function dutyWindows(shifts: ReadonlyArray<{ fromHour: number; toHour: number }> | undefined): Float64Array | null {
  if (!shifts || shifts.length === 0) return null;
  const parts: Array<[number, number]> = [];
  for (const s of shifts) {
    const from = s.fromHour * 3600;
    const to = s.toHour * 3600;
    if (from < to) parts.push([from, to]);
    else if (from > to) {
      parts.push([from, DAY]);
      if (to > 0) parts.push([0, to]);
    }
  }
  parts.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  if (merged.length === 1 && merged[0]![0] === 0 && merged[0]![1] === DAY) return null;
  return Float64Array.from(merged.flat());
}

/** Seconds on duty within [from, to). */
export function dutySeconds(windows: Float64Array | null, from: number, to: number): number {
  if (to <= from) return 0;
  if (!windows) return to - from;
  let total = 0;
  for (let day = Math.floor(from / DAY); day * DAY < to; day++) {
    for (let i = 0; i < windows.length; i += 2) {
      const s = Math.max(from, day * DAY + windows[i]!);
      const e = Math.min(to, day * DAY + windows[i + 1]!);
      if (e > s) total += e - s;
    }
  }
  return total;
}

export function compileScenario(sc: SimulationScenario, opts: { policy?: SimulationPolicy } = {}): CompiledScenario {
  const policy = opts.policy ?? sc.policy;
  const A = sc.areas.length;
  const U = sc.units.length;
  const areaIndex = new Map(sc.areas.map((a, i) => [a.id, i]));
  const categoryIndex = new Map(sc.categories.map((c, i) => [c.id, i]));
  const agencyIndex = new Map(sc.agencies.map((g, i) => [g.id, i]));
  const area = (id: string) => areaIndex.get(id)!;
  const areaOwner = Int32Array.from(sc.areas, (a) => agencyIndex.get(a.agencyId)!);
  const transferShare = Float64Array.from(sc.areas, (a) => a.transferShare ?? sc.transfer.share);

  const travel = new Float64Array(A * A);
  if (sc.travel.kind === 'matrix') {
    for (let i = 0; i < A; i++) for (let j = 0; j < A; j++) travel[i * A + j] = sc.travel.seconds[i]![j]!;
  } else {
    const mean = sc.areas.map((a) => (sc.travel.kind === 'means' ? sc.travel.meanS[a.id]! : 0));
    for (let i = 0; i < A; i++) for (let j = 0; j < A; j++) travel[i * A + j] = i === j ? mean[i]! : mean[i]! + mean[j]!;
  }

  if (policy === 'joint_optimised_posts' && sc.alternativePosts.length === 0) {
    throw new ScenarioError('alternativePosts', 'the policy joint_optimised_posts needs the proposed posts', '“联动+优化岗位”策略须给出拟议岗位');
  }
  const moved = new Map(policy === 'joint_optimised_posts' ? sc.alternativePosts.map((m) => [m.unitId, m.postAreaId]) : []);
  const unitAgency = Int32Array.from(sc.units, (u) => agencyIndex.get(u.agencyId)!);
  const unitPost = Int32Array.from(sc.units, (u) => area(moved.get(u.id) ?? u.postAreaId));
  const siloed = policy === 'siloed';
  const unitPool = siloed ? Int32Array.from(unitAgency) : new Int32Array(U);
  const areaPool = siloed ? Int32Array.from(areaOwner) : new Int32Array(A);
  const duty = sc.units.map((u) => dutyWindows(u.shifts));

  const prefStart = new Int32Array(A + 1);
  const pref: number[] = [];
  for (let a = 0; a < A; a++) {
    prefStart[a] = pref.length;
    const eligible: number[] = [];
    for (let u = 0; u < U; u++) if (unitPool[u] === areaPool[a] && !(duty[u] && duty[u]!.length === 0)) eligible.push(u);
    eligible.sort((x, y) => travel[unitPost[x]! * A + a]! - travel[unitPost[y]! * A + a]! || x - y);
    pref.push(...eligible);
  }
  prefStart[A] = pref.length;

  let arrivals: CompiledScenario['arrivals'];
  const horizonS = sc.horizonDays * DAY;
  const busyAreas = new Set<number>();
  if (sc.arrivals.kind === 'rates') {
    const rates = sc.arrivals.rates;
    const S = rates.length;
    const hourTotal = new Float64Array(24);
    const cumulative = new Float64Array(24 * S);
    for (let h = 0; h < 24; h++) {
      let sum = 0;
      for (let s = 0; s < S; s++) {
        const r = rates[s]!.perHour;
        sum += typeof r === 'number' ? r : r[h]!;
        cumulative[h * S + s] = sum;
      }
      hourTotal[h] = sum;
    }
    rates.forEach((r) => {
      if (typeof r.perHour === 'number' ? r.perHour > 0 : r.perHour.some((x) => x > 0)) busyAreas.add(area(r.areaId));
    });
    const perDay = hourTotal.reduce((x, y) => x + y, 0);
    arrivals = {
      kind: 'rates',
      streamCategory: Int32Array.from(rates, (r) => categoryIndex.get(r.categoryId)!),
      streamArea: Int32Array.from(rates, (r) => area(r.areaId)),
      hourTotal,
      cumulative,
      expected: perDay * sc.horizonDays,
    };
  } else {
    const list = sc.arrivals.incidents.filter((x) => x.atS < horizonS).sort((x, y) => x.atS - y.atS);
    for (const x of list) busyAreas.add(area(x.areaId));
    arrivals = {
      kind: 'history',
      atS: Float64Array.from(list, (x) => x.atS),
      category: Int32Array.from(list, (x) => categoryIndex.get(x.categoryId)!),
      area: Int32Array.from(list, (x) => area(x.areaId)),
    };
  }
  // An incident no unit may ever answer would wait for ever.
  for (const a of [...busyAreas].sort((x, y) => x - y)) {
    if (prefStart[a + 1]! > prefStart[a]!) continue;
    const owner = sc.areas[a]!.agencyId;
    throw siloed
      ? new ScenarioError(`areas[${a}].agencyId`, `agency "${owner}" has no unit on duty, so under the siloed policy incidents in "${sc.areas[a]!.id}" would never be answered`, `单位“${owner}”无在岗警力，分立处置时辖区“${sc.areas[a]!.id}”的警情无人处置`)
      : new ScenarioError('units', 'no unit is ever on duty', '没有任何在岗警力');
  }

  return {
    policy,
    seed: sc.seed,
    horizonS,
    warmupS: sc.warmupDays * DAY,
    areaIds: sc.areas.map((a) => a.id),
    categoryIds: sc.categories.map((c) => c.id),
    unitIds: sc.units.map((u) => u.id),
    agencyIds: sc.agencies.map((g) => g.id),
    areaOwner,
    transferShare,
    limitS: Float64Array.from(sc.categories, (c) => c.limitS),
    service: sc.categories.map((c) => c.service),
    transferDelay: sc.transfer.delay,
    travel,
    unitAgency,
    unitPost,
    unitPool,
    areaPool,
    pools: siloed ? sc.agencies.length : 1,
    prefStart,
    prefUnits: Int32Array.from(pref),
    duty,
    arrivals,
  };
}
