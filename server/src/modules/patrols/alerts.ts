import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PatrolAlert } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { conflict, forbidden, said } from '../../platform/http/errors.js';
import { canAcknowledgePatrolAlert } from '../../platform/policies.js';
import type { PatrolAlertsTable } from './tables.js';
import { canRead, filters, PATROL_ALERT_READ, readableOr404, scoped, scopes } from './access.js';
import { parseJson, type PatrolContext } from './context.js';

export interface NewAlert {
  kind: PatrolAlert['kind'];
  agencyId: string;
  teamId: string;
  patrolId: string | null;
  dutyId: string | null;
  checkpointIds: string[];
  detail: Record<string, unknown>;
  /** the fact the alert is about: the same fact never raises a second alert */
  dedupeKey: string;
}

/**
 * Alerts of civil defence — a checkpoint missed or late, a patrol that stopped moving — raised to
 * the team's agency and the centre as events the console's alert centre consumes. Raising is
 * keyed by the fact it reports, so sweeps on several instances, or a check-in sent twice, raise
 * one alert.
 */
export class AlertService {
  constructor(private readonly ctx: PatrolContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async raise(trx: Kysely<Database>, a: NewAlert, at = nowIso()): Promise<boolean> {
    const id = crypto.randomUUID();
    const res = await trx
      .insertInto('patrol_alerts')
      .values({ id, kind: a.kind, agency_id: a.agencyId, team_id: a.teamId, patrol_id: a.patrolId, duty_id: a.dutyId, checkpoint_ids: JSON.stringify(a.checkpointIds), detail: JSON.stringify(a.detail), dedupe_key: a.dedupeKey, raised_at: at, acknowledged_at: null, acknowledged_by: null })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await recordChange(trx, SYSTEM_ACTOR, 'patrol_alert', id, 'raise', { kind: a.kind, agencyId: a.agencyId, teamId: a.teamId, patrolId: a.patrolId, dutyId: a.dutyId });
    await enqueueEvent(trx, { type: 'patrol.alert', entity: 'patrol_alert', entityId: id, payload: { id, kind: a.kind, agencyId: a.agencyId, teamId: a.teamId, patrolId: a.patrolId, dutyId: a.dutyId, checkpointIds: a.checkpointIds } });
    return true;
  }

  async list(actor: Actor, filter: { open?: boolean; agencyId?: string } = {}): Promise<PatrolAlert[]> {
    let q = this.db.selectFrom('patrol_alerts').selectAll().orderBy('raised_at', 'desc').limit(500);
    if (filter.open) q = q.where('acknowledged_at', 'is', null);
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    return this.present(await scoped(q, scopes.alert(actor), filters.alert).execute());
  }

  private async row(actor: Actor, id: string): Promise<PatrolAlertsTable> {
    const row = await this.db.selectFrom('patrol_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'patrol alert', actor, PATROL_ALERT_READ, async (a) => (a.agency_id === actor.agencyId ? ['addressee' as const] : []));
  }

  async get(actor: Actor, id: string): Promise<PatrolAlert> {
    return (await this.present([await this.row(actor, id)]))[0]!;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const row = await this.db.selectFrom('patrol_alerts').select('agency_id').where('id', '=', id).executeTakeFirst();
    return !!row && canRead(PATROL_ALERT_READ, actor, row.agency_id === actor.agencyId ? ['addressee'] : []);
  }

  async acknowledge(actor: Actor, id: string): Promise<PatrolAlert> {
    const a = await this.row(actor, id);
    if (!canAcknowledgePatrolAlert(actor, a.agency_id)) throw forbidden(said('只有协调中心值班人员和被告知单位的指挥长、民警、联络员可以确认巡防告警', 'the centre’s operators and the addressed agency’s commanders, officers and liaisons acknowledge patrol alerts'));
    const at = nowIso();
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('patrol_alerts').set({ acknowledged_at: at, acknowledged_by: actor.username }).where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('already_acknowledged', said('该告警已被确认', 'the alert was already acknowledged'));
      await recordChange(trx, actor, 'patrol_alert', id, 'acknowledge', {});
      await enqueueEvent(trx, { type: 'patrol.alert_acknowledged', entity: 'patrol_alert', entityId: id, payload: { id, by: actor.username } });
    });
    this.ctx.outbox.kick();
    return this.get(actor, id);
  }

  /**
   * Duties whose slot and grace are over: the checkpoints no accepted check-in covered are missed,
   * and each agency with a team on the duty is told once. A duty with nothing missing is settled
   * quietly.
   */
  async settleDuties(at: number = now()): Promise<number> {
    const cutoff = new Date(at - this.ctx.rules.lateGraceS * 1000).toISOString();
    const duties = await this.db.selectFrom('patrol_duties').selectAll().where('settled_at', 'is', null).where('slot_end', '<', cutoff).orderBy('slot_end').limit(200).execute();
    let raised = 0;
    for (const d of duties) {
      const expected = parseJson<string[]>(d.checkpoint_ids);
      const done = await this.db.selectFrom('patrol_check_ins').select('checkpoint_id').where('duty_id', '=', d.id).where('accepted', '=', 1).execute();
      const missing = expected.filter((c) => !done.some((x) => x.checkpoint_id === c));
      const teams = missing.length ? await this.db.selectFrom('patrol_teams').select(['id', 'agency_id']).where('id', 'in', parseJson<string[]>(d.team_ids)).execute() : [];
      const byAgency = new Map<string, string>();
      for (const t of teams) if (!byAgency.has(t.agency_id)) byAgency.set(t.agency_id, t.id);
      await this.db.transaction().execute(async (trx) => {
        for (const [agencyId, teamId] of byAgency) {
          if (await this.raise(trx, { kind: 'missed_checkpoint', agencyId, teamId, patrolId: null, dutyId: d.id, checkpointIds: missing, detail: { planId: d.plan_id, slotStart: d.slot_start, slotEnd: d.slot_end, missed: missing.length, of: expected.length }, dedupeKey: `missed:${d.id}:${agencyId}` })) raised++;
        }
        await trx.updateTable('patrol_duties').set({ settled_at: new Date(at).toISOString() }).where('id', '=', d.id).execute();
      });
    }
    if (raised) this.ctx.outbox.kick();
    return raised;
  }

  /**
   * Lone-worker safety: an open patrol whose phone has reported no movement (or nothing at all)
   * for the welfare time raises one alert per still period; moving again starts a new period.
   */
  async checkWelfare(at: number = now()): Promise<number> {
    const before = new Date(at - this.ctx.welfareS * 1000).toISOString();
    const still = await this.db
      .selectFrom('patrols')
      .selectAll()
      .where('finished_at', 'is', null)
      .where('moved_at', '<', before)
      .where((eb) => eb.or([eb('welfare_alerted_at', 'is', null), eb('welfare_alerted_at', '<', eb.ref('moved_at'))]))
      .limit(200)
      .execute();
    let raised = 0;
    for (const p of still) {
      await this.db.transaction().execute(async (trx) => {
        const stillForS = Math.round((at - Date.parse(p.moved_at)) / 1000);
        if (await this.raise(trx, { kind: 'welfare', agencyId: p.agency_id, teamId: p.team_id, patrolId: p.id, dutyId: p.duty_id, checkpointIds: [], detail: { stillSince: p.moved_at, stillForS, lastPosition: p.last_lon !== null ? [p.last_lon, p.last_lat] : null, lastReportAt: p.last_at }, dedupeKey: `welfare:${p.id}:${p.moved_at}` })) raised++;
        await trx.updateTable('patrols').set({ welfare_alerted_at: new Date(at).toISOString() }).where('id', '=', p.id).execute();
      });
    }
    if (raised) this.ctx.outbox.kick();
    return raised;
  }

  private async present(rows: PatrolAlertsTable[]): Promise<PatrolAlert[]> {
    const teamIds = [...new Set(rows.map((r) => r.team_id))];
    const names = new Map(teamIds.length ? (await this.db.selectFrom('patrol_teams').select(['id', 'name']).where('id', 'in', teamIds).execute()).map((t) => [t.id, t.name]) : []);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as PatrolAlert['kind'],
      agencyId: r.agency_id,
      teamId: r.team_id,
      teamName: names.get(r.team_id) ?? r.team_id,
      patrolId: r.patrol_id,
      dutyId: r.duty_id,
      checkpointIds: parseJson<string[]>(r.checkpoint_ids),
      detail: parseJson<Record<string, unknown>>(r.detail),
      raisedAt: r.raised_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
    }));
  }
}
