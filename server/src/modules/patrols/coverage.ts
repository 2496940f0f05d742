import type { SectionCoverage } from '@railjoint/contracts';

/**
 * Patrol coverage for one day, as a pure function over what the store loaded: each section's
 * checkpoint visits asked for by the day's duties and how they went, joint duties and whether
 * two agencies really walked them together, and the hours since the section last saw an accepted
 * check-in. One pass over the duties' visits, keyed by section: linear in the day's work, however
 * many sections the network has.
 */
export interface CoverageInput {
  sections: ReadonlyArray<{ id: string; lineId: string; name: string }>;
  risk: ReadonlyMap<string, number>;
  /** the last accepted check-in in each section, ISO time */
  lastPatrolled: ReadonlyMap<string, string>;
  /** the section of each checkpoint (null: off the network's sections) */
  sectionOf: ReadonlyMap<string, string | null>;
  duties: ReadonlyArray<{ id: string; planId: string; joint: boolean; end: string; checkpointIds: readonly string[] }>;
  /** per duty, the checkpoints done and whether late */
  done: ReadonlyMap<string, ReadonlyMap<string, { late: boolean }>>;
  /** per duty, the agencies whose accepted check-ins count for it */
  agencies: ReadonlyMap<string, ReadonlySet<string>>;
  now: number;
  graceS: number;
}

type Row = SectionCoverage;

export function sectionCoverage(input: CoverageInput): Row[] {
  const rows = new Map<string, Row & { plans: Set<string> }>();
  for (const s of input.sections) {
    const last = input.lastPatrolled.get(s.id) ?? null;
    rows.set(s.id, {
      sectionId: s.id,
      lineId: s.lineId,
      name: s.name,
      riskWeight: input.risk.get(s.id) ?? 1,
      lastPatrolledAt: last,
      hoursSince: last === null ? null : Math.max(0, Math.round(((input.now - Date.parse(last)) / 3600_000) * 10) / 10),
      planned: 0,
      onTime: 0,
      late: 0,
      missed: 0,
      pending: 0,
      jointPlanned: 0,
      jointDone: 0,
      planIds: [],
      plans: new Set(),
    });
  }
  for (const d of input.duties) {
    const over = input.now > Date.parse(d.end) + input.graceS * 1000;
    const done = input.done.get(d.id);
    const touched = new Set<Row & { plans: Set<string> }>();
    for (const cp of d.checkpointIds) {
      const section = input.sectionOf.get(cp);
      const row = section ? rows.get(section) : undefined;
      if (!row) continue;
      touched.add(row);
      row.plans.add(d.planId);
      row.planned++;
      const visit = done?.get(cp);
      if (visit) visit.late ? row.late++ : row.onTime++;
      else if (over) row.missed++;
      else row.pending++;
    }
    if (!d.joint) continue;
    const together = (input.agencies.get(d.id)?.size ?? 0) >= 2;
    for (const row of touched) {
      row.jointPlanned++;
      if (together) row.jointDone++;
    }
  }
  return [...rows.values()].map(({ plans, ...row }) => ({ ...row, planIds: [...plans].sort() }));
}

export function coverageTotals(rows: readonly Row[], dayStart: number) {
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    sections: rows.length,
    patrolledToday: rows.filter((r) => r.lastPatrolledAt !== null && Date.parse(r.lastPatrolledAt) >= dayStart).length,
    planned: sum((r) => r.planned),
    onTime: sum((r) => r.onTime),
    late: sum((r) => r.late),
    missed: sum((r) => r.missed),
    pending: sum((r) => r.pending),
    jointPlanned: sum((r) => r.jointPlanned),
    jointDone: sum((r) => r.jointDone),
  };
}
