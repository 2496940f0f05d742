import type { PatrolGameInstance } from '@railjoint/contracts';

/**
 * The patrol game on a department's data, without I/O.
 *
 * Targets are the stretches the patrol plans already walk, cut where their checkpoints lie: a
 * target is a run of a plan's consecutive checkpoints no more than `segmentM` apart end to end, so
 * a team on it has checkpoints to prove it was there, and it reaches from half-way to the previous
 * target's last checkpoint to half-way to the next one's first (the plan's own ends outside). Its
 * value is the risk on it — each risk cell counted for the share of it the target spans — as a
 * share of all targets' risk, so an expected loss reads as a share of the department's patrolled
 * risk. A stretch with no history keeps a sliver of value: it is the least likely to be attacked,
 * not a place the attacker is sure to find unwatched.
 *
 * A team reaches a target when it already patrols that stretch in a plan, or when the target lies
 * wholly inside one of its agency's line ranges (the jurisdiction it answers for and knows).
 */
export interface StretchInput {
  planId: string;
  lineId: string;
  lineName: string;
  /** the plan's own ends in metres along the line, when it names a stretch */
  bounds: [number, number] | null;
  checkpoints: Array<{ id: string; measureM: number; mileage: string }>;
}

export interface TeamInput {
  id: string;
  planIds: readonly string[];
  ranges: ReadonlyArray<{ lineId: string; fromM: number; toM: number }>;
}

export interface RiskCellInput {
  lineId: string;
  fromMeasureM: number;
  toMeasureM: number;
  risk: number;
}

export interface Target {
  id: string;
  name: string;
  lineId: string;
  fromMileage: string;
  toMileage: string;
  /** the checkpoints' span, what a jurisdiction must hold for a team to reach it */
  firstM: number;
  lastM: number;
  /** the stretch whose risk it carries */
  fromM: number;
  toM: number;
  checkpointIds: string[];
  planIds: string[];
  /** share of all targets' risk */
  value: number;
}

/** with checkpoints every kilometre or two this makes targets of about two kilometres: small enough that a team has several to choose from */
export const SEGMENT_M = 1500;
/** how far a target reaches beyond its outer checkpoints when neither a neighbour nor the plan's stretch ends it */
const PAD_M = 500;
/** the value a stretch without risk keeps, relative to the riskiest one */
const FLOOR = 1e-3;

export function buildTargets(stretches: readonly StretchInput[], cells: readonly RiskCellInput[], segmentM = SEGMENT_M): Target[] {
  const byKey = new Map<string, Target>();
  const ids = new Set<string>();
  // two plans may have checkpoints of their own at the same mileage: the span alone is no identity
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}#${n}`;
    ids.add(id);
    return id;
  };
  for (const s of stretches) {
    const cps = [...s.checkpoints].sort((a, b) => a.measureM - b.measureM);
    const groups: (typeof cps)[] = [];
    for (const cp of cps) {
      const g = groups[groups.length - 1];
      if (g && cp.measureM - g[0]!.measureM <= segmentM) g.push(cp);
      else groups.push([cp]);
    }
    const lo = s.bounds ? Math.min(...s.bounds) : 0;
    const hi = s.bounds ? Math.max(...s.bounds) : 0;
    groups.forEach((g, i) => {
      const first = g[0]!;
      const last = g[g.length - 1]!;
      const prev = groups[i - 1];
      const next = groups[i + 1];
      const fromM = prev ? (prev[prev.length - 1]!.measureM + first.measureM) / 2 : Math.min(first.measureM, s.bounds ? lo : first.measureM - PAD_M);
      const toM = next ? (last.measureM + next[0]!.measureM) / 2 : Math.max(last.measureM, s.bounds ? hi : last.measureM + PAD_M);
      const cpIds = g.map((c) => c.id);
      // two plans walking the same checkpoints make one target, reached through either
      const key = `${s.lineId}\n${[...cpIds].sort().join(',')}`;
      const seen = byKey.get(key);
      if (seen) {
        if (!seen.planIds.includes(s.planId)) seen.planIds.push(s.planId);
        return;
      }
      byKey.set(key, {
        id: uniqueId(`${s.lineId}@${Math.round(first.measureM)}-${Math.round(last.measureM)}`),
        name: first.mileage === last.mileage ? `${s.lineName} ${first.mileage}` : `${s.lineName} ${first.mileage}–${last.mileage}`,
        lineId: s.lineId,
        fromMileage: first.mileage,
        toMileage: last.mileage,
        firstM: first.measureM,
        lastM: last.measureM,
        fromM,
        toM,
        checkpointIds: cpIds,
        planIds: [s.planId],
        value: 0,
      });
    });
  }
  const targets = [...byKey.values()];
  const raw = targets.map((t) => riskOn(t, cells));
  const top = Math.max(0, ...raw);
  const floored = raw.map((v) => (top > 0 ? Math.max(v, FLOOR * top) : 1));
  const total = floored.reduce((a, v) => a + v, 0);
  targets.forEach((t, i) => (t.value = floored[i]! / total));
  return targets.sort((a, b) => a.lineId.localeCompare(b.lineId) || a.firstM - b.firstM);
}

function riskOn(t: Target, cells: readonly RiskCellInput[]): number {
  let sum = 0;
  for (const c of cells) {
    if (c.lineId !== t.lineId || c.risk <= 0) continue;
    const a = Math.min(c.fromMeasureM, c.toMeasureM);
    const b = Math.max(c.fromMeasureM, c.toMeasureM);
    const overlap = Math.min(b, t.toM) - Math.max(a, t.fromM);
    if (overlap > 0 && b > a) sum += (c.risk * overlap) / (b - a);
  }
  return sum;
}

/** Which targets each team reaches; teams reaching none are left out. */
export function reachOf(teams: readonly TeamInput[], targets: readonly Target[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const team of teams) {
    const plans = new Set(team.planIds);
    const reach = targets
      .filter((t) => t.planIds.some((p) => plans.has(p)) || team.ranges.some((r) => r.lineId === t.lineId && Math.min(r.fromM, r.toM) <= t.firstM && t.lastM <= Math.max(r.fromM, r.toM)))
      .map((t) => t.id);
    if (reach.length) out.set(team.id, reach);
  }
  return out;
}

export function gameInstance(targets: readonly Target[], reach: ReadonlyMap<string, string[]>, opts: { caughtShare: number; days: number; seed: number }): PatrolGameInstance {
  return {
    targets: targets.map((t) => ({ id: t.id, value: t.value, name: t.name })),
    teams: [...reach].map(([id, r]) => ({ id, reach: r })),
    caughtShare: opts.caughtShare,
    days: opts.days,
    seed: opts.seed,
  };
}
