import type { Kysely } from 'kysely';
import type { ResolveResult } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { forbidden, notFound, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { incidentPermissions, incidentScope, type IncidentRole } from '../../platform/policies.js';
import type { TrainService } from '../trains/service.js';
import type { IncidentService } from './service.js';
import { proposeHandover, DEFAULT_MIN_LEAD_S } from './handover.js';
import { appendTimeline } from './timeline.js';
import { nowDate } from '../../platform/clock.js';

/**
 * Work done inside the handover request's transaction by another module: the command module
 * issues the station police their task order ("meet G1501 at 永福南 at 07:31").
 */
export type HandoverHook = (trx: Kysely<Database>, actor: Actor, h: { incidentId: string; train: string; stationId: string; station: string; arrival: string | null; policeAgencyId: string; at: string }) => Promise<{ taskId: string; code: string } | null>;

/** Handing a case on a train to the police of a station ahead (前方站交接). */
export class HandoverService {
  private onRequested: HandoverHook | null = null;

  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly trains: TrainService,
    private readonly outbox: OutboxRelay,
    private readonly minLeadS = DEFAULT_MIN_LEAD_S,
  ) {}

  /** Set by the app once the task module exists. */
  whenRequested(hook: HandoverHook): void {
    this.onRequested = hook;
  }

  private async trainIncident(actor: Actor, id: string) {
    const scope = incidentScope(actor);
    const row = await this.incidents.store.byId(id, scope.all ? undefined : scope.agencyId);
    if (!row) throw notFound('incident');
    if (!row.train) throw unprocessable('not_on_a_train', said('此警情不在列车上', 'this incident is not on a train'), { fields: [fieldError('params.id', '没有车次', 'no train')] });
    const roles = (await this.incidents.store.agencies(id)).filter((a) => a.agency_id === actor.agencyId).map((a) => a.role as IncidentRole);
    return { row, roles, train: row.train };
  }

  async propose(actor: Actor, id: string, at: string | undefined) {
    const { train } = await this.trainIncident(actor, id);
    const when = at ? new Date(at) : nowDate();
    const w = await this.trains.whereabouts(train, when.toISOString());
    return { ...proposeHandover(w, when, this.minLeadS), whereabouts: { state: w.state, lastStop: w.lastStop, mileage: w.mileage ?? null, position: w.position ?? null } };
  }

  /**
   * Asks the police of the chosen station to meet the train: they join the incident (so they see it
   * and its live updates), and the request with the train's arrival time goes on the timeline.
   */
  async request(actor: Actor, id: string, stationId: string, at: string | undefined, client: string | null) {
    const { row, roles } = await this.trainIncident(actor, id);
    const may = incidentPermissions(actor, roles);
    if (!may.act && !may.steer) throw forbidden(said('只有主办单位或协调中心可以安排前方站交接', 'only the lead agency or the coordination centre may arrange a handover'));
    const when = at ? new Date(at) : nowDate();
    const proposal = proposeHandover(await this.trains.whereabouts(row.train!, when.toISOString()), when, 0);
    const option = proposal.options.find((o) => o.stationId === stationId);
    if (!option) throw unprocessable('not_ahead', said(`${row.train} 次列车 ${when.toISOString()} 之后不停靠 ${stationId}`, `train ${row.train} does not call at ${stationId} after ${when.toISOString()}`), { fields: [fieldError('body.stationId', '不是前方停靠站', 'not a station ahead')] });
    if (!option.police) throw unprocessable('no_police', said(`${option.name}没有负责的派出所`, `no police station is responsible for ${option.name}`), { fields: [fieldError('body.stationId', '没有负责的派出所', 'no police station')] });
    const police = option.police;
    const stamp = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const resolution = JSON.parse(row.resolution) as ResolveResult;
      if (resolution.responsibility && !resolution.responsibility.support.some((a) => a.agencyId === police.agencyId)) {
        resolution.responsibility.support.push({ ...police, via: 'station' });
      }
      await trx.updateTable('incidents').set({ resolution: JSON.stringify(resolution), updated_at: stamp, version: row.version + 1 }).where('id', '=', id).where('version', '=', row.version).execute();
      await trx.insertInto('incident_agencies').values({ incident_id: id, agency_id: police.agencyId, role: 'support' }).onConflict((oc) => oc.doNothing()).execute();
      await appendTimeline(trx, id, actor, 'handover_requested', null, null, { train: row.train, stationId, station: option.name, arrival: option.arrival, leadTimeS: option.leadTimeS, police }, client, stamp);
      // the station police's task order follows on the timeline as its own entry
      if (this.onRequested) await this.onRequested(trx, actor, { incidentId: id, train: row.train!, stationId, station: option.name, arrival: option.arrival ?? null, policeAgencyId: police.agencyId, at: stamp });
      await enqueueEvent(trx, { type: 'incident.handover_requested', entity: 'incident', entityId: id, payload: { id, train: row.train, stationId, arrival: option.arrival, police: police.agencyId } });
    });
    this.outbox.kick();
    return this.incidents.get(actor, id);
  }
}
