import type { Kysely } from 'kysely';
import type { CheckInRequest } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { HttpError, validationError, fieldError } from '../../platform/http/errors.js';
import { errorBody } from '../../platform/http/edge-errors.js';
import type { PatrolCheckInsTable, PatrolsTable } from './tables.js';
import { onceOnly, type Replayable } from './idempotency.js';
import { verifyCheckIn, type DutySlot, type Fix } from './verify-check-in.js';
import { addDays, beijingDate } from './duties.js';
import { beijingMonth, POINT_RULES } from './points.js';
import { presentCheckIn } from './presenters.js';
import { refusalMessage } from './texts.js';
import { parseJson, flag, type PatrolContext } from './context.js';
import type { PatrolService } from './patrolling.js';
import type { CheckpointService } from './checkpoints.js';
import type { AlertService } from './alerts.js';

const fix = (r: { client_at: string; lon: number; lat: number; accuracy_m: number }): Fix => ({ at: Date.parse(r.client_at), lon: r.lon, lat: r.lat, accuracyM: r.accuracy_m });

/**
 * Check-ins: the facts the verifier needs are read inside the write's transaction, the pure
 * verifier judges, and the check-in is kept either way — accepted with the factors it rested on,
 * or refused with its reason (422, the check-in in the details). Only an accepted one counts for a
 * duty, earns points and moves the patrol on.
 */
export class CheckInService {
  constructor(
    private readonly ctx: PatrolContext,
    private readonly patrols: PatrolService,
    private readonly checkpoints: CheckpointService,
    private readonly alerts: AlertService,
  ) {}

  async checkIn(actor: Actor, patrolId: string, body: CheckInRequest, lang: 'zh-CN' | 'en'): Promise<Replayable> {
    const patrol = await this.patrols.writable(actor, patrolId);
    const cp = await this.checkpoints.row(actor, body.checkpointId).catch((e: unknown) => {
      throw e instanceof HttpError && e.status === 404 ? validationError([fieldError('body.checkpointId', '巡防点不存在', 'no such checkpoint')]) : e;
    });
    return onceOnly(this.ctx.db, actor, 'check_in', body.id, { patrolId, ...body }, async (trx, receivedAt) => {
      const p = await trx.selectFrom('patrols').selectAll().where('id', '=', patrol.id).executeTakeFirstOrThrow();
      const visit: Fix = { at: Date.parse(body.at), lon: body.lon, lat: body.lat, accuracyM: body.accuracyM };
      // a slot spans at most a day: check-ins two days away can neither replay this one nor share its slot
      const near = (days: number) => new Date(visit.at + days * 86_400_000).toISOString();
      const earlier = await trx
        .selectFrom('patrol_check_ins')
        .select(['client_at', 'duty_id'])
        .where('patrol_id', '=', p.id)
        .where('checkpoint_id', '=', cp.id)
        .where('accepted', '=', 1)
        .where('client_at', '>', near(-2))
        .where('client_at', '<', near(2))
        .execute();
      const previous = await trx.selectFrom('patrol_check_ins').selectAll().where('patrol_id', '=', p.id).where('accepted', '=', 1).where('client_at', '<', new Date(visit.at).toISOString()).orderBy('client_at', 'desc').limit(1).executeTakeFirst();
      const track = await trx
        .selectFrom('patrol_track')
        .selectAll()
        .where('patrol_id', '=', p.id)
        .where('client_at', '>', previous?.client_at ?? p.client_started_at)
        .where('client_at', '<', new Date(visit.at).toISOString())
        .orderBy('client_at')
        .limit(5000)
        .execute();
      const verdict = verifyCheckIn({
        key: this.ctx.key,
        checkpoint: { id: cp.id, lon: cp.lon, lat: cp.lat, radiusM: cp.radius_m, codeVersion: cp.code_version, nfcTagId: cp.nfc_tag_id, active: cp.active === 1 },
        method: body.method,
        code: body.code,
        visit,
        receivedAt: Date.parse(receivedAt),
        patrol: { startedAt: Date.parse(p.client_started_at), finishedAt: p.client_finished_at ? Date.parse(p.client_finished_at) : null, mode: p.mode as 'foot', dutyId: p.duty_id },
        duties: await this.slotsFor(trx, p, visit.at),
        earlier: earlier.map((e) => ({ at: Date.parse(e.client_at), dutyId: e.duty_id })),
        previous: previous ? fix(previous) : null,
        track: track.map(fix),
        rules: this.ctx.rules,
      });
      const row: PatrolCheckInsTable = {
        id: body.id,
        patrol_id: p.id,
        checkpoint_id: cp.id,
        duty_id: verdict.dutyId,
        team_id: p.team_id,
        agency_id: p.agency_id,
        method: body.method,
        lon: body.lon,
        lat: body.lat,
        accuracy_m: body.accuracyM,
        client_at: new Date(visit.at).toISOString(),
        received_at: receivedAt,
        accepted: flag(verdict.accepted),
        late: flag(verdict.late),
        reason: verdict.reason,
        factors: JSON.stringify(verdict.factors),
        by_user: actor.username,
      };
      await trx.insertInto('patrol_check_ins').values(row).execute();
      if (verdict.accepted) await this.credit(trx, p, row);
      await recordChange(trx, actor, 'patrol_check_in', row.id, verdict.accepted ? 'accept' : 'refuse', { patrolId: p.id, checkpointId: cp.id, dutyId: row.duty_id, reason: row.reason, late: verdict.late });
      await enqueueEvent(trx, { type: 'patrol.check_in', entity: 'patrol', entityId: p.id, payload: { id: p.id, checkInId: row.id, checkpointId: cp.id, accepted: verdict.accepted, late: verdict.late, reason: verdict.reason } });
      const shown = presentCheckIn(row);
      if (verdict.accepted) return { status: 201, body: shown };
      return { status: 422, body: errorBody('check_in_refused', refusalMessage(verdict.reason!, lang), { reason: verdict.reason, checkIn: shown }) };
    }).finally(() => this.ctx.outbox.kick());
  }

  /** The duty slots a visit can count for: the patrol's own duty, or the team's duties of that Beijing day and the one before (night windows). */
  private async slotsFor(trx: Kysely<Database>, p: PatrolsTable, at: number): Promise<DutySlot[]> {
    let q = trx.selectFrom('patrol_duties').selectAll();
    if (p.duty_id) q = q.where('id', '=', p.duty_id);
    else {
      const day = beijingDate(at);
      q = q.where('date', 'in', [addDays(day, -1), day]).where('plan_id', 'in', trx.selectFrom('patrol_plan_teams').select('plan_id').where('team_id', '=', p.team_id));
    }
    const rows = await q.execute();
    return rows.filter((d) => parseJson<string[]>(d.team_ids).includes(p.team_id)).map((d) => ({ id: d.id, start: Date.parse(d.slot_start), end: Date.parse(d.slot_end), checkpointIds: parseJson<string[]>(d.checkpoint_ids) }));
  }

  /** An accepted check-in: points for each member on the patrol, the patrol's position, a late alert. */
  private async credit(trx: Kysely<Database>, p: PatrolsTable, c: PatrolCheckInsTable): Promise<void> {
    const kind = c.late ? 'check_in_late' : 'check_in_on_time';
    const members = parseJson<string[]>(p.member_ids);
    const month = beijingMonth(Date.parse(c.client_at));
    if (members.length) {
      await trx
        .insertInto('patrol_points')
        .values(members.map((m) => ({ id: `${c.id}:${m}`, team_id: p.team_id, member_id: m, public_report_id: null, kind, points: POINT_RULES[kind], hours: 0, ref_id: c.id, at: c.received_at, month, credit_key: `${kind}:${c.id}:${m}` })))
        .onConflict((oc) => oc.column('credit_key').doNothing())
        .execute();
    }
    await this.patrols.moved(trx, p, [{ at: c.client_at, lon: c.lon, lat: c.lat }]);
    if (c.late) {
      const factors = parseJson<{ window: { detail: Record<string, unknown> } }>(c.factors);
      await this.alerts.raise(trx, { kind: 'late_checkpoint', agencyId: p.agency_id, teamId: p.team_id, patrolId: p.id, dutyId: c.duty_id, checkpointIds: [c.checkpoint_id], detail: { lateByS: factors.window.detail.lateByS ?? null, checkInId: c.id }, dedupeKey: `late:${c.id}` }, c.received_at);
    }
  }
}
