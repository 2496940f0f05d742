import type { Kysely } from 'kysely';
import type { ObligationInput, ObligationMeasure } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { hoursWithin, inScope, judge, median, monthBounds, type PlacedLine } from './model.js';

type Scope = { lines: PlacedLine[]; areas: string[] };
type Result = Omit<ObligationMeasure, 'index' | 'kind' | 'partyAgencyId' | 'partyName' | 'target' | 'limitMin'>;

/**
 * One obligation measured over a Beijing month, each from the records of the module it is about:
 *  - patrol hours: the party's patrols overlapping the month that checked in at a checkpoint in
 *    the scope's stretches, their hours within the month (areas hold no checkpoints of their own);
 *  - response time: incidents received in the month in the scope (on its stretches, or with an
 *    area's county or township among their agencies) that the party led or sent units to, not
 *    merged or duplicates; within when the first unit was on scene within the limit;
 *  - hazard rectification: hazards in the scope the party is a section chief of, due in the month
 *    and not rejected; within when rectified by the deadline;
 *  - bulletin acknowledgement: bulletins sent to the party in the month, not withdrawn; within
 *    when acknowledged within the limit (a bulletin has no place, so the scope does not apply).
 */
export async function measureObligation(db: Kysely<Database>, o: ObligationInput, scope: Scope, month: string, nowIso: string): Promise<{ bounds: { from: string; to: string }; result: Result }> {
  const bounds = monthBounds(month);
  const party = o.partyAgencyId;
  const limitMs = (o.limitMin ?? 0) * 60_000;
  const share = (total: number, within: number, medianMin: number | null = null): Result => ({ ...judge(o.kind, o.target, { total, within }), unit: 'percent', counted: total, within, medianMin });

  if (o.kind === 'patrol_hours') {
    const patrols = await db
      .selectFrom('patrols')
      .select(['id', 'started_at', 'finished_at'])
      .where('agency_id', '=', party)
      .where('started_at', '<', bounds.to)
      .where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>', bounds.from)]))
      .execute();
    const checkIns = patrols.length
      ? await db
          .selectFrom('patrol_check_ins as c')
          .innerJoin('checkpoints as k', 'k.id', 'c.checkpoint_id')
          .select(['c.patrol_id', 'k.line_id', 'k.measure_m'])
          .where('c.patrol_id', 'in', patrols.map((p) => p.id))
          .where('c.accepted', '=', 1)
          .execute()
      : [];
    const inside = new Set(checkIns.filter((c) => inScope(scope, { lineId: c.line_id, m: c.measure_m, areas: [] })).map((c) => c.patrol_id));
    const counted = patrols.filter((p) => inside.has(p.id));
    const hours = counted.reduce((s, p) => s + hoursWithin(p.started_at, p.finished_at, bounds, nowIso), 0);
    return { bounds, result: { ...judge('patrol_hours', o.target, { hours, total: counted.length, within: counted.length }), unit: 'hours', counted: counted.length, within: counted.length, medianMin: null } };
  }

  if (o.kind === 'response_time') {
    const rows = await db
      .selectFrom('incidents')
      .select(['id', 'received_at', 'on_scene_at', 'line_id', 'resolution'])
      .where('received_at', '>=', bounds.from)
      .where('received_at', '<', bounds.to)
      .where('merged_into', 'is', null)
      .where('duplicate_of', 'is', null)
      .where((eb) => eb.or([eb('lead_agency_id', '=', party), eb('id', 'in', eb.selectFrom('assignments').select('incident_id').where('agency_id', '=', party))]))
      .execute();
    // the stored mileage number is a post's, which repeats across chain breaks: the scope is
    // placed by the network's own measure, which the resolution at reception recorded
    const agencies = scope.areas.length && rows.length ? await db.selectFrom('incident_agencies').select(['incident_id', 'agency_id']).where('incident_id', 'in', rows.map((r) => r.id)).where('agency_id', 'in', scope.areas).execute() : [];
    const counted = rows.filter((r) => {
      const measure = (JSON.parse(r.resolution) as { location?: { line?: { measureM?: number } | null } }).location?.line?.measureM ?? null;
      return inScope(scope, { lineId: r.line_id, m: measure, areas: agencies.filter((a) => a.incident_id === r.id).map((a) => a.agency_id) });
    });
    const minutes = counted.filter((r) => r.on_scene_at).map((r) => (Date.parse(r.on_scene_at!) - Date.parse(r.received_at)) / 60_000);
    const within = minutes.filter((m) => m * 60_000 <= limitMs).length;
    const med = median(minutes);
    return { bounds, result: share(counted.length, within, med === null ? null : Math.round(med * 10) / 10) };
  }

  if (o.kind === 'hazard_rectification') {
    const rows = await db
      .selectFrom('hazards')
      .select(['line_id', 'measure_m', 'township_id', 'county_id', 'deadline_at', 'rectified_at'])
      .where((eb) => eb.or([eb('railway_agency_id', '=', party), eb('local_agency_id', '=', party)]))
      .where('deadline_at', '>=', bounds.from)
      .where('deadline_at', '<', bounds.to)
      .where('rejected_at', 'is', null)
      .execute();
    const counted = rows.filter((h) => inScope(scope, { lineId: h.line_id, m: h.measure_m, areas: [h.township_id, h.county_id] }));
    const within = counted.filter((h) => h.rectified_at !== null && h.rectified_at <= h.deadline_at).length;
    return { bounds, result: share(counted.length, within) };
  }

  const rows = await db
    .selectFrom('bulletin_recipients as r')
    .innerJoin('bulletins as b', 'b.id', 'r.bulletin_id')
    .select(['b.created_at', 'r.acknowledged_at'])
    .where('r.agency_id', '=', party)
    .where('b.created_at', '>=', bounds.from)
    .where('b.created_at', '<', bounds.to)
    .where('b.status', '!=', 'withdrawn')
    .execute();
  const within = rows.filter((r) => r.acknowledged_at !== null && Date.parse(r.acknowledged_at) - Date.parse(r.created_at) <= limitMs).length;
  return { bounds, result: share(rows.length, within) };
}
