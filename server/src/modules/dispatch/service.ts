import type { PlaceRecommendationRequest, PlaceRecommendations, Recommendation, ResolveResult } from '@railjoint/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, notFound, unprocessable, said, fieldError, joinSaid, type FieldError } from '../../platform/http/errors.js';
import { canReleaseUnit, incidentScope, type IncidentRole } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { IncidentService } from '../incidents/service.js';
import type { IncidentRow } from '../incidents/store.js';
import { appendTimeline } from '../incidents/timeline.js';
import { STATUS_ZH } from '../incidents/actions.js';
import type { UnitService } from '../units/service.js';
import type { UnitRow } from '../units/store.js';
import { etaFigures, etaModel, prepareTarget, type DispatchTarget, type EtaModel, type EtaOptions, type TrainArrivalFn } from './eta.js';
import { stationDisplayName } from '@railjoint/contracts';
import type { TrainService } from '../trains/service.js';
import { recommendUnits } from './recommend.js';
import { accessPointsOf } from './access-points.js';
import { createAssignments, unitsFollow } from './assignments.js';
import { now as clockNow, nowDate } from '../../platform/clock.js';

export interface DispatchSettings {
  /** a unit must acknowledge an assignment within this many seconds, else the centre is alerted */
  ackTimeoutS: number;
  eta: EtaOptions;
}

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = { ackTimeoutS: 120, eta: {} };

/** Recommendations, dispatching units to incidents, acknowledgements and their escalation. */
export class DispatchService {
  private readonly model: EtaModel;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly incidents: IncidentService,
    private readonly units: UnitService,
    private readonly organisation: OrganisationService,
    private readonly outbox: OutboxRelay,
    private readonly settings: DispatchSettings = DEFAULT_DISPATCH_SETTINGS,
    private readonly trains: TrainService | null = null,
  ) {
    this.model = etaModel(settings.eta);
    // Assigned units follow their incident: en route, on scene, free again when it is cleared.
    incidents.onAction(async (trx, row, next, at, onCommit) => {
      const moved = await unitsFollow(trx, row.id, next, at);
      if (moved.length) onCommit(() => this.units.refresh(moved));
      return moved.length ? { units: moved.map((u) => ({ id: u.id, status: u.status })) } : {};
    });
    // ...and an incident follows its units: what a unit reports of itself moves its job along
    units.onStatus((trx, actor, unit, status, at) => this.unitReported(trx, actor, unit, status, at));
  }

  /**
   * A unit's own report on its jobs: en route or on scene acknowledges an assignment still
   * waiting (the unit evidently has it) and brings the incident along; free again ends the
   * assignment, timed on the timeline, so the console proposes clearing the incident once every
   * unit has cleared.
   */
  private async unitReported(trx: Kysely<Database>, actor: Actor, unit: UnitRow, status: string, at: string): Promise<UnitRow[]> {
    const active = await trx.selectFrom('assignments').selectAll().where('unit_id', '=', unit.id).where('status', 'in', ['assigned', 'acknowledged']).execute();
    for (const a of active) {
      if (status === 'en_route' || status === 'on_scene') {
        if (a.status === 'assigned') {
          await trx.updateTable('assignments').set({ status: 'acknowledged', acknowledged_at: at }).where('id', '=', a.id).execute();
          await appendTimeline(trx, a.incident_id, actor, 'assignment_acknowledged', null, null, { assignmentId: a.id, unitId: a.unit_id, afterS: Math.round((Date.parse(at) - Date.parse(a.assigned_at)) / 1000), by: status }, null, at);
          await enqueueEvent(trx, { type: 'incident.assignment_acknowledged', entity: 'incident', entityId: a.incident_id, payload: { id: a.incident_id, unitId: a.unit_id } });
        }
        await this.incidents.advanceByUnit(trx, actor, a.incident_id, status, { id: unit.id, callsign: unit.callsign }, at);
      } else if (status === 'available' || status === 'off_duty') {
        await trx.updateTable('assignments').set({ status: 'ended', ended_at: at }).where('id', '=', a.id).execute();
        await appendTimeline(trx, a.incident_id, actor, 'unit_cleared', null, null, { assignmentId: a.id, unitId: a.unit_id, unit: unit.callsign }, null, at);
        await enqueueEvent(trx, { type: 'incident.unit_released', entity: 'incident', entityId: a.incident_id, payload: { id: a.incident_id, unitId: a.unit_id } });
      }
    }
    return [];
  }

  /** The model wording its routes in the reader's language. */
  private worded(lang: 'zh-CN' | 'en'): EtaModel {
    return lang === this.model.lang ? this.model : { ...this.model, lang };
  }

  /** The assumptions the ETA model uses, for the console to show. */
  assumptions() {
    return { speeds: this.model.speeds, trackWalkKmh: this.model.trackWalkKmh, accessOverheadS: this.model.accessOverheadS, ackTimeoutS: this.settings.ackTimeoutS };
  }

  private async incidentFor(actor: Actor, id: string): Promise<IncidentRow> {
    const scope = incidentScope(actor);
    const row = await this.incidents.store.byId(id, scope.all ? undefined : scope.agencyId);
    if (!row) throw notFound('incident');
    return row;
  }

  /** The agencies with a part in the incident, and their joint-defence partners. */
  private async allowedAgencies(incidentId: string): Promise<Set<string>> {
    const own = new Set((await this.incidents.store.agencies(incidentId)).map((a) => a.agency_id));
    return new Set([...own, ...this.organisation.partnersOf(own)]);
  }

  private target(row: IncidentRow): DispatchTarget {
    return { ...targetOf(JSON.parse(row.resolution) as ResolveResult, row.train), stationId: row.station_id };
  }

  /**
   * When each train carrying an allowed, available train police team reaches each station ahead,
   * looked up once per request (the ETA model asks synchronously, unit by unit).
   */
  private async trainArrivals(allowed: Set<string>): Promise<TrainArrivalFn | null> {
    if (!this.trains) return null;
    const trains = new Set(this.units.index.ridingUnits().filter((u) => u.status === 'available' && allowed.has(u.agencyId) && u.train).map((u) => u.train!));
    const now = clockNow();
    const table = new Map<string, Map<string, number>>();
    for (const train of trains) {
      try {
        const w = await this.trains.whereabouts(train, new Date(now).toISOString());
        const arrivals = new Map<string, number>();
        for (const s of w.nextStops) if (s.stationId) arrivals.set(s.stationId, Math.max(0, (Date.parse(s.arrival) - now) / 1000));
        if (w.state === 'at_station' && w.lastStop?.stationId) arrivals.set(w.lastStop.stationId, 0);
        table.set(train, arrivals);
      } catch {
        // a train missing from the timetable simply has no arrivals
      }
    }
    return (train, stationId) => table.get(train)?.get(stationId) ?? null;
  }

  /** Available units of every agency that may act, fastest first, with the reason for each ETA. */
  async recommendations(actor: Actor, incidentId: string, limit = 10, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ recommendations: Recommendation[]; assumptions: ReturnType<DispatchService['assumptions']> }> {
    const row = await this.incidentFor(actor, incidentId);
    const allowed = await this.allowedAgencies(incidentId);
    const recommendations = recommendUnits(this.target(row), this.units.index, {
      allowedAgencyIds: allowed,
      accessPoints: accessPointsOf(this.network.current()),
      speeds: this.worded(lang),
      limit,
      trainArrival: await this.trainArrivals(allowed),
    });
    return { recommendations, assumptions: this.assumptions() };
  }

  /**
   * The same ranking for a call still being taken: the place and category decide the agencies the
   * incident will have, so a unit offered here is one the incident can be given once registered.
   */
  async recommendForPlace(actor: Actor, req: PlaceRecommendationRequest, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<PlaceRecommendations> {
    const { resolution, train, agencyIds } = await this.incidents.preview(actor, req.location, req.category);
    const allowed = new Set([...agencyIds, ...this.organisation.partnersOf(agencyIds)]);
    const recommendations = recommendUnits(targetOf(resolution, train), this.units.index, {
      allowedAgencyIds: allowed,
      accessPoints: accessPointsOf(this.network.current()),
      speeds: this.worded(lang),
      limit: req.limit,
      trainArrival: await this.trainArrivals(allowed),
    });
    const responsibility = resolution.responsibility!;
    return { recommendations, assumptions: this.assumptions(), timeLimitS: responsibility.timeLimitS, lead: responsibility.lead };
  }

  /**
   * Sends units (any number, from any agency with a part in the incident): the incident becomes
   * dispatched, each unit gets an assignment to acknowledge, all in one transaction.
   */
  async dispatch(actor: Actor, incidentId: string, unitIds: string[], note: string | undefined, client: string | null) {
    const ids = [...new Set(unitIds)];
    // the incident and the units in one round of reads (they do not depend on each other)
    const [{ row, parts }, found] = await Promise.all([this.incidents.withParts(actor, incidentId), this.units.store.byIds(ids)]);
    const own = new Set(parts.map((a) => a.agency_id));
    const allowed = new Set([...own, ...this.organisation.partnersOf(own)]);
    const roles = parts.filter((a) => a.agency_id === actor.agencyId).map((a) => a.role as IncidentRole);
    const units: UnitRow[] = [];
    const fields: Array<FieldError & { reason: 'unknown' | 'no_part' | 'not_available' }> = [];
    const say = REFUSAL;
    for (const [i, id] of ids.entries()) {
      const u = found.get(id);
      if (!u) fields.push({ field: `body.units[${i}]`, reason: 'unknown', message: say.unknown(id) });
      else if (!allowed.has(u.agency_id)) fields.push({ field: `body.units[${i}]`, reason: 'no_part', message: say.noPart(u.callsign, this.organisation.agencyName(u.agency_id)) });
      else if (u.status !== 'available') fields.push({ field: `body.units[${i}]`, reason: 'not_available', message: say.notAvailable(u.callsign, u.status) });
      else units.push(u);
    }
    if (fields.length) throw unprocessable('units_not_dispatchable', joinSaid(fields.map((f) => f.message)), { fields });
    const etas = new Map<string, number>();
    if (units.length) {
      // the chosen units' own ETAs, rounded as the recommendations show them: ranking every unit
      // of their agencies to find these took a fifth of a dispatch
      const prepared = prepareTarget(this.target(row), accessPointsOf(this.network.current()));
      for (const u of units) {
        const unit = this.units.index.get(u.id);
        const figures = unit ? etaFigures(unit, prepared, this.model) : null;
        if (figures) etas.set(u.id, Math.round(figures.etaS));
      }
    }
    if (row.status === 'received') {
      const result = await this.incidents.act(actor, incidentId, 'dispatch', { reason: note }, client, async (trx, _row, _next, at) => {
        const assignments = await createAssignments(trx, incidentId, units, actor.userId, at, this.settings.ackTimeoutS, etas);
        return { assignments: assignments.map((a) => ({ id: a.id, unitId: a.unit_id, etaS: a.eta_s })) };
      }, { row, roles });
      return result;
    }
    // Reinforcements for an incident already being worked.
    if (!['dispatched', 'en_route', 'on_scene'].includes(row.status)) {
      throw unprocessable('not_dispatchable', said(`警情当前${STATUS_ZH[row.status] ?? row.status}，不能再增派警力`, `an incident that is ${row.status} takes no more units`));
    }
    if (units.length === 0) throw unprocessable('no_units', said('请选择要增派的警力', 'name the units to add'), { fields: [fieldError('body.units', '必填', 'required')] });
    const at = nowIso();
    const moved = await this.db.kysely.transaction().execute(async (trx) => {
      const assignments = await createAssignments(trx, incidentId, units, actor.userId, at, this.settings.ackTimeoutS, etas);
      await trx.updateTable('units').set({ status: 'dispatched', updated_at: at }).where('id', 'in', units.map((u) => u.id)).execute();
      await appendTimeline(trx, incidentId, actor, 'units_added', null, null, { assignments: assignments.map((a) => ({ id: a.id, unitId: a.unit_id, etaS: a.eta_s })), note }, client, at);
      await enqueueEvent(trx, { type: 'incident.units_added', entity: 'incident', entityId: incidentId, payload: { id: incidentId } });
      return trx.selectFrom('units').selectAll().where('id', 'in', units.map((u) => u.id)).execute();
    });
    this.units.refresh(moved);
    this.outbox.kick();
    return this.incidents.get(actor, incidentId);
  }

  /** The unit's people confirm they have the job. */
  async acknowledge(actor: Actor, assignmentId: string, client: string | null) {
    const a = await this.db.kysely.selectFrom('assignments').selectAll().where('id', '=', assignmentId).executeTakeFirst();
    const centre = incidentScope(actor).all;
    if (!a || (!centre && a.agency_id !== actor.agencyId)) throw notFound('assignment');
    if (!centre && !actor.roles.some((r) => r === 'officer' || r === 'commander' || r === 'liaison' || r === 'volunteer')) throw forbidden(said('您的角色不能签收派警任务', 'your role may not acknowledge assignments'));
    if (a.status !== 'assigned') return { id: a.id, status: a.status, acknowledgedAt: a.acknowledged_at };
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('assignments').set({ status: 'acknowledged', acknowledged_at: at }).where('id', '=', a.id).execute();
      await appendTimeline(trx, a.incident_id, actor, 'assignment_acknowledged', null, null, { assignmentId: a.id, unitId: a.unit_id, afterS: Math.round((Date.parse(at) - Date.parse(a.assigned_at)) / 1000) }, client, at);
      await enqueueEvent(trx, { type: 'incident.assignment_acknowledged', entity: 'incident', entityId: a.incident_id, payload: { id: a.incident_id, unitId: a.unit_id } });
    });
    this.outbox.kick();
    return { id: a.id, status: 'acknowledged', acknowledgedAt: at };
  }

  /**
   * Stands a unit down from its job (收队): it is free again and the timeline says who released it
   * and why. The incident's lead agency or the centre may release any of its units; a unit's own
   * agency may release its own (its people are needed elsewhere). A transfer leaves the units
   * where they are, since they hand over in person; the new lead releases them here.
   */
  async release(actor: Actor, assignmentId: string, reason: string | undefined, client: string | null) {
    const a = await this.db.kysely.selectFrom('assignments').selectAll().where('id', '=', assignmentId).executeTakeFirst();
    if (!a) throw notFound('assignment');
    const scope = incidentScope(actor);
    const visible = scope.all || a.agency_id === actor.agencyId || (await this.incidents.store.byId(a.incident_id, scope.agencyId)) !== undefined;
    if (!visible) throw notFound('assignment');
    const roles = (await this.incidents.store.agencies(a.incident_id)).filter((x) => x.agency_id === actor.agencyId).map((x) => x.role as IncidentRole);
    if (!canReleaseUnit(actor, roles, a.agency_id)) throw forbidden(said('只有主办单位、协调中心或警力所属单位可以让警力收队', "only the lead agency, the coordination centre or the unit's own agency may release a unit"));
    if (a.status !== 'assigned' && a.status !== 'acknowledged') throw conflict('not_active', said(`该派警任务已${ASSIGNMENT_STATUS_ZH[a.status] ?? a.status}`, `the assignment is already ${a.status}`));
    const at = nowIso();
    const moved = await this.db.kysely.transaction().execute(async (trx) => {
      const ended = await trx.updateTable('assignments').set({ status: 'released', ended_at: at }).where('id', '=', a.id).where('status', 'in', ['assigned', 'acknowledged']).executeTakeFirst();
      if (Number(ended.numUpdatedRows) !== 1) throw conflict('not_active', said('该派警任务已被他人更新', 'the assignment changed meanwhile'));
      await trx.updateTable('units').set({ status: 'available', updated_at: at }).where('id', '=', a.unit_id).execute();
      await appendTimeline(trx, a.incident_id, actor, 'unit_released', null, null, { assignmentId: a.id, unitId: a.unit_id, reason }, client, at);
      await enqueueEvent(trx, { type: 'incident.unit_released', entity: 'incident', entityId: a.incident_id, payload: { id: a.incident_id, unitId: a.unit_id } });
      return trx.selectFrom('units').selectAll().where('id', '=', a.unit_id).execute();
    });
    this.units.refresh(moved);
    this.outbox.kick();
    return { id: a.id, status: 'released' as const, endedAt: at };
  }

  /**
   * Assignments a unit's agency can see (its mobile client's list), with what a crew needs on the
   * way: what happened and where (line, mileage, description), and the way onto the railway the
   * ETA counted on — an access gate or a station — to navigate to (null: straight to the place).
   */
  async assignmentsOf(actor: Actor) {
    const scope = incidentScope(actor);
    let q = this.db.kysely.selectFrom('assignments').innerJoin('incidents', 'incidents.id', 'assignments.incident_id').select([
      'assignments.id', 'assignments.unit_id', 'assignments.status', 'assignments.assigned_at', 'assignments.ack_deadline', 'assignments.acknowledged_at', 'assignments.eta_s',
      'incidents.id as incident_id', 'incidents.code', 'incidents.category_id', 'incidents.priority', 'incidents.status as incident_status', 'incidents.mileage', 'incidents.lon', 'incidents.lat',
      'incidents.description', 'incidents.line_id', 'incidents.resolution', 'incidents.train', 'incidents.station_id',
    ]).where('assignments.status', 'in', ['assigned', 'acknowledged']).orderBy('assignments.assigned_at', 'desc').limit(200);
    if (!scope.all) q = q.where('assignments.agency_id', '=', scope.agencyId);
    const rows = await q.execute();
    const network = this.network.current();
    const points = accessPointsOf(network);
    return {
      assignments: rows.map(({ resolution, train, station_id, ...r }) => {
        const unit = this.units.index.get(r.unit_id);
        const resolved = JSON.parse(resolution) as ResolveResult;
        const target = { ...targetOf(resolved, train), stationId: station_id };
        const figures = unit ? etaFigures(unit, prepareTarget(target, points), this.model) : null;
        const via = figures?.via ?? null;
        return {
          ...r,
          line_name: r.line_id ? (network.line(r.line_id)?.name ?? null) : null,
          // the name it was registered under: a phone still loading (or cut off from) the taxonomy shows it, not the code
          category_name: resolved.responsibility?.categoryName ?? null,
          access: via ? { name: via.kind === 'station' ? stationDisplayName(via.name) : via.name, kind: via.kind, lon: via.coordinates[0], lat: via.coordinates[1] } : null,
        };
      }),
    };
  }

  /** Unacknowledged assignments past their deadline escalate to the coordination centre, once. */
  async sweep(now: Date = nowDate()): Promise<{ escalated: number }> {
    const at = now.toISOString();
    const late = await this.db.kysely.selectFrom('assignments').selectAll().where('status', '=', 'assigned').where('ack_deadline', '<', at).where('escalated_at', 'is', null).execute();
    const system: Actor = { userId: 'system', username: 'system', displayName: 'RailJoint', agencyId: 'system', agencyType: null, roles: ['admin'] };
    for (const a of late) {
      await this.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('assignments').set({ escalated_at: at }).where('id', '=', a.id).execute();
        await appendTimeline(trx, a.incident_id, system, 'assignment_unacknowledged', null, null, { assignmentId: a.id, unitId: a.unit_id, deadline: a.ack_deadline }, null, at);
        await enqueueEvent(trx, { type: 'incident.assignment_unacknowledged', entity: 'incident', entityId: a.incident_id, payload: { id: a.incident_id, unitId: a.unit_id } });
      });
    }
    if (late.length) this.outbox.kick();
    return { escalated: late.length };
  }
}

function targetOf(resolution: ResolveResult, train: string | null): DispatchTarget {
  const line = resolution.location.line;
  return {
    coordinates: resolution.location.coordinates,
    placeKind: resolution.placeKind,
    line: line ? { lineId: line.lineId, measureM: line.measureM } : null,
    stationId: resolution.location.stationId,
    train,
  };
}

const UNIT_STATUS_ZH: Record<string, string> = { available: '可用', dispatched: '已派出', en_route: '出警途中', on_scene: '在现场', busy: '忙碌', off_duty: '离岗' };
const UNIT_STATUS_EN: Record<string, string> = { available: 'available', dispatched: 'dispatched', en_route: 'en route', on_scene: 'on scene', busy: 'busy', off_duty: 'off duty' };

const ASSIGNMENT_STATUS_ZH: Record<string, string> = { released: '收队', ended: '结束', withdrawn: '撤回' };

/** Why a unit cannot be sent, in both languages, naming the unit and agency as people do. */
const REFUSAL = {
  unknown: (id: string) => said(`没有警力 ${id}`, `there is no unit ${id}`),
  noPart: (unit: string, agency: string) =>
    said(`${unit}属于${agency}，该单位未参与本警情，也未与参与单位签订联防协议`, `${unit} belongs to ${agency}, which has no part in this incident and no joint-defence agreement with one that has`),
  notAvailable: (unit: string, status: string) => said(`${unit}当前${UNIT_STATUS_ZH[status] ?? status}，不能派出`, `${unit} is ${UNIT_STATUS_EN[status] ?? status}, not available`),
};
