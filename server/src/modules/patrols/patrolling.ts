import type { Kysely } from 'kysely';
import type { FinishPatrolRequest, Patrol, StartPatrolRequest, TrackRequest } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { now } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { conflict, forbidden, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canPatrolFor } from '../../platform/policies.js';
import { distanceM } from '../network/geo.js';
import type { PatrolsTable } from './tables.js';
import { filters, PATROL_READ, patrolRelations, readableOr404, scoped, scopes } from './access.js';
import { onceOnly, type Replayable } from './idempotency.js';
import { beijingMonth, patrolHours } from './points.js';
import { presentCheckIn, presentFinding, presentPatrol } from './presenters.js';
import { parseJson, type PatrolContext } from './context.js';
import type { TeamService } from './teams.js';

/** A patrol is still where it was if it stays within this: the jitter of a phone standing still. */
export const MOVEMENT_M = 30;

/**
 * Patrols from the phone: start, track, finish (check-ins and findings in their own files). Every
 * write is once-only by the id the phone made (idempotency.ts) and keeps the phone's time beside
 * the server's receipt time: the offline queue may send an hour's work at once.
 */
export class PatrolService {
  constructor(
    private readonly ctx: PatrolContext,
    private readonly teams: TeamService,
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async row(actor: Actor, id: string): Promise<PatrolsTable> {
    const row = await this.db.selectFrom('patrols').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'patrol', actor, PATROL_READ, (p) => patrolRelations(this.db, actor, p));
  }

  /** The patrol, if the actor may read it (404) and patrols for its team (403). */
  async writable(actor: Actor, id: string): Promise<PatrolsTable> {
    const row = await this.row(actor, id);
    if (!canPatrolFor(actor, row.agency_id)) throw forbidden(said('只有本巡防队的人员可以报告其巡逻', 'only the team’s own people report on its patrol'));
    return row;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.row(actor, id).then(
      () => true,
      () => false,
    );
  }

  private aheadOfServer(at: string, receivedAt: string): boolean {
    return Date.parse(at) > Date.parse(receivedAt) + this.ctx.rules.clockSkewS * 1000;
  }

  async start(actor: Actor, body: StartPatrolRequest): Promise<Replayable> {
    return onceOnly(this.ctx.db, actor, 'start', body.id, body, async (trx, receivedAt) => {
      const team = await trx.selectFrom('patrol_teams').selectAll().where('id', '=', body.teamId).executeTakeFirst();
      if (!team) throw validationError([fieldError('body.teamId', '巡防队不存在', 'no such team')]);
      if (!canPatrolFor(actor, team.agency_id)) throw forbidden(said('只有本巡防队的人员可以开始巡逻', 'only the team’s own people start its patrols'));
      if (team.active !== 1) throw validationError([fieldError('body.teamId', '该巡防队已停用', 'the team is inactive')]);
      if (this.aheadOfServer(body.at, receivedAt)) throw validationError([fieldError('body.at', '手机时间比服务器快，请校准时间', 'ahead of the server’s clock: set the phone’s time')]);
      let duty = null;
      if (body.dutyId !== null) {
        duty = await trx.selectFrom('patrol_duties').selectAll().where('id', '=', body.dutyId).executeTakeFirst();
        if (!duty || !parseJson<string[]>(duty.team_ids).includes(team.id)) throw validationError([fieldError('body.dutyId', '不是本巡防队的巡防任务', 'not a duty of this team')]);
      }
      let memberIds = body.memberIds;
      if (memberIds.length) {
        const found = await trx.selectFrom('patrol_members').select('id').where('team_id', '=', team.id).where('active', '=', 1).where('id', 'in', memberIds).execute();
        const known = new Set(found.map((m) => m.id));
        const bad = memberIds.map((m, i) => [m, i] as const).filter(([m]) => !known.has(m));
        if (bad.length) throw validationError(bad.map(([, i]) => fieldError(`body.memberIds.${i}`, '不是本巡防队的在岗队员', 'not an active member of the team')));
      } else {
        const me = await this.teams.memberOf(trx, actor.username, team.id);
        memberIds = me ? [me] : [];
      }
      const row: PatrolsTable = {
        id: body.id,
        team_id: team.id,
        agency_id: team.agency_id,
        duty_id: duty?.id ?? null,
        plan_id: duty?.plan_id ?? null,
        mode: body.mode ?? duty?.mode ?? 'foot',
        member_ids: JSON.stringify([...new Set(memberIds)]),
        started_by: actor.username,
        client_started_at: new Date(body.at).toISOString(),
        started_at: receivedAt,
        client_finished_at: null,
        finished_at: null,
        finish_reason: null,
        last_lon: null,
        last_lat: null,
        last_at: null,
        moved_lon: null,
        moved_lat: null,
        // silence is counted from the start: a patrol that never reports a position raises the welfare alert too
        moved_at: new Date(body.at).toISOString(),
        welfare_alerted_at: null,
      };
      await trx.insertInto('patrols').values(row).execute();
      await recordChange(trx, actor, 'patrol', row.id, 'start', { teamId: team.id, dutyId: row.duty_id, members: parseJson<string[]>(row.member_ids).length, clientAt: row.client_started_at });
      await enqueueEvent(trx, { type: 'patrol.started', entity: 'patrol', entityId: row.id, payload: { id: row.id, teamId: team.id, agencyId: team.agency_id, dutyId: row.duty_id } });
      return { status: 201, body: presentPatrol(row, team.name, { trackPoints: 0, checkIns: [], findings: [] }) };
    }).finally(() => this.ctx.outbox.kick());
  }

  async track(actor: Actor, patrolId: string, body: TrackRequest): Promise<Replayable> {
    const patrol = await this.writable(actor, patrolId);
    return onceOnly(this.ctx.db, actor, 'track', body.id, { patrolId, ...body }, async (trx, receivedAt) => {
      const fresh = await trx.selectFrom('patrols').selectAll().where('id', '=', patrol.id).executeTakeFirstOrThrow();
      const ceiling = fresh.client_finished_at ? Math.min(Date.parse(fresh.client_finished_at), Date.parse(receivedAt)) : Date.parse(receivedAt);
      // points the phone dates after the patrol ended, or ahead of the server's clock, are not believed
      const points = body.points
        .map((p) => ({ ...p, at: new Date(p.at).toISOString() }))
        .filter((p) => Date.parse(p.at) <= ceiling + this.ctx.rules.clockSkewS * 1000)
        .sort((a, b) => a.at.localeCompare(b.at));
      let stored = 0;
      for (let i = 0; i < points.length; i += 200) {
        const res = await trx
          .insertInto('patrol_track')
          .values(points.slice(i, i + 200).map((p) => ({ patrol_id: patrol.id, client_at: p.at, lon: p.lon, lat: p.lat, accuracy_m: p.accuracyM, received_at: receivedAt })))
          .onConflict((oc) => oc.columns(['patrol_id', 'client_at']).doNothing())
          .executeTakeFirst();
        stored += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
      await this.moved(trx, fresh, points);
      await recordChange(trx, actor, 'patrol', patrol.id, 'track', { points: points.length, stored });
      const last = points.at(-1);
      if (last) await enqueueEvent(trx, { type: 'patrol.track', entity: 'patrol', entityId: patrol.id, payload: { id: patrol.id, at: last.at, position: [last.lon, last.lat] } });
      return { status: 200, body: { patrolId: patrol.id, received: body.points.length, stored, receivedAt } };
    }).finally(() => this.ctx.outbox.kick());
  }

  /**
   * Keeps the patrol's last position and when it last moved, from fixes in phone time: a queue sent
   * late still shows when the member was walking. Only fixes newer than what is known count.
   */
  async moved(trx: Kysely<Database>, p: PatrolsTable, fixes: ReadonlyArray<{ at: string; lon: number; lat: number }>): Promise<void> {
    let { last_lon, last_lat, last_at, moved_lon, moved_lat, moved_at } = p;
    for (const f of fixes) {
      if (last_at !== null && f.at <= last_at) continue;
      last_lon = f.lon;
      last_lat = f.lat;
      last_at = f.at;
      if (moved_lon === null || moved_lat === null || distanceM([moved_lon, moved_lat], [f.lon, f.lat]) > MOVEMENT_M) {
        moved_lon = f.lon;
        moved_lat = f.lat;
        moved_at = f.at > moved_at ? f.at : moved_at;
      }
    }
    if (last_at === p.last_at) return;
    await trx.updateTable('patrols').set({ last_lon, last_lat, last_at, moved_lon, moved_lat, moved_at }).where('id', '=', p.id).execute();
  }

  async finish(actor: Actor, patrolId: string, body: FinishPatrolRequest): Promise<Replayable> {
    const patrol = await this.writable(actor, patrolId);
    return onceOnly(this.ctx.db, actor, 'finish', body.id, { patrolId, ...body }, async (trx, receivedAt) => {
      const fresh = await trx.selectFrom('patrols').selectAll().where('id', '=', patrol.id).executeTakeFirstOrThrow();
      if (fresh.finished_at !== null) throw conflict('patrol_finished', said('本次巡逻已结束', 'the patrol is already finished'), { finishedAt: fresh.finished_at });
      const at = new Date(body.at).toISOString();
      if (this.aheadOfServer(at, receivedAt)) throw validationError([fieldError('body.at', '手机时间比服务器快，请校准时间', 'ahead of the server’s clock: set the phone’s time')]);
      if (at < fresh.client_started_at) throw validationError([fieldError('body.at', '早于巡逻开始时间', 'before the patrol started')]);
      await this.close(trx, actor, fresh, at, receivedAt, 'finished');
      return { status: 200, body: await this.present(trx, actor, { ...fresh, client_finished_at: at, finished_at: receivedAt, finish_reason: 'finished' }) };
    }).finally(() => this.ctx.outbox.kick());
  }

  /** Ends a patrol and credits its hours to each member who walked it. */
  async close(trx: Kysely<Database>, actor: Actor, p: PatrolsTable, clientAt: string, at: string, reason: 'finished' | 'timeout'): Promise<void> {
    const res = await trx.updateTable('patrols').set({ client_finished_at: clientAt, finished_at: at, finish_reason: reason }).where('id', '=', p.id).where('finished_at', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('patrol_finished', said('本次巡逻已结束', 'the patrol is already finished'));
    const hours = patrolHours(p.client_started_at, clientAt);
    const members = parseJson<string[]>(p.member_ids);
    const month = beijingMonth(Date.parse(p.client_started_at));
    if (members.length) {
      await trx
        .insertInto('patrol_points')
        .values(members.map((m) => ({ id: `${p.id}:${m}:hours`, team_id: p.team_id, member_id: m, public_report_id: null, kind: 'patrol_hours', points: 0, hours, ref_id: p.id, at, month, credit_key: `patrol_hours:${p.id}:${m}` })))
        .onConflict((oc) => oc.column('credit_key').doNothing())
        .execute();
    }
    await recordChange(trx, actor, 'patrol', p.id, reason === 'timeout' ? 'close_silent' : 'finish', { clientAt, hours });
    await enqueueEvent(trx, { type: 'patrol.finished', entity: 'patrol', entityId: p.id, payload: { id: p.id, teamId: p.team_id, reason, hours } });
  }

  async get(actor: Actor, id: string): Promise<Patrol> {
    return this.present(this.db, actor, await this.row(actor, id));
  }

  async list(actor: Actor, filter: { teamId?: string; date?: string; open?: boolean }): Promise<Patrol[]> {
    let q = this.db.selectFrom('patrols').selectAll().orderBy('started_at', 'desc').limit(200);
    if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
    if (filter.open) q = q.where('finished_at', 'is', null);
    if (filter.date) {
      // a Beijing day, in UTC instants
      const start = new Date(Date.parse(`${filter.date}T00:00:00+08:00`)).toISOString();
      const end = new Date(Date.parse(`${filter.date}T00:00:00+08:00`) + 86_400_000).toISOString();
      q = q.where('client_started_at', '>=', start).where('client_started_at', '<', end);
    }
    const rows = await scoped(q, scopes.patrol(actor), filters.patrol).execute();
    const out: Patrol[] = [];
    for (const r of rows) out.push(await this.present(this.db, actor, r, { brief: true }));
    return out;
  }

  async trackPoints(actor: Actor, id: string) {
    const p = await this.row(actor, id);
    const points = await this.db.selectFrom('patrol_track').selectAll().where('patrol_id', '=', p.id).orderBy('client_at').limit(20_000).execute();
    return { patrolId: p.id, points: points.map((t) => ({ at: t.client_at, coordinates: [t.lon, t.lat] as [number, number], accuracyM: t.accuracy_m, receivedAt: t.received_at })) };
  }

  async present(db: Kysely<Database>, actor: Actor, p: PatrolsTable, opts: { brief?: boolean } = {}): Promise<Patrol> {
    const team = await db.selectFrom('patrol_teams').select('name').where('id', '=', p.team_id).executeTakeFirst();
    const count = await db.selectFrom('patrol_track').select((eb) => eb.fn.countAll().as('n')).where('patrol_id', '=', p.id).executeTakeFirst();
    if (opts.brief) return presentPatrol(p, team?.name ?? p.team_id, { trackPoints: Number(count?.n ?? 0), checkIns: [], findings: [] });
    const checkIns = await db.selectFrom('patrol_check_ins').selectAll().where('patrol_id', '=', p.id).orderBy('client_at').execute();
    // a reader of the patrol through its plan sees only the findings the finding rule lets them read
    const findings = await scoped(db.selectFrom('patrol_findings').selectAll().where('patrol_id', '=', p.id).orderBy('client_at'), scopes.finding(actor), filters.finding).execute();
    const photos = findings.length ? await db.selectFrom('finding_photos').select(['id', 'finding_id', 'content_type', 'size', 'received_at']).where('finding_id', 'in', findings.map((f) => f.id)).execute() : [];
    const incidentIds = findings.map((f) => f.incident_id).filter((x): x is string => x !== null);
    const codes = new Map(incidentIds.length ? (await db.selectFrom('incidents').select(['id', 'code']).where('id', 'in', incidentIds).execute()).map((i) => [i.id, i.code]) : []);
    return presentPatrol(p, team?.name ?? p.team_id, {
      trackPoints: Number(count?.n ?? 0),
      checkIns: checkIns.map(presentCheckIn),
      findings: findings.map((f) => presentFinding(f, photos.filter((ph) => ph.finding_id === f.id), f.incident_id ? (codes.get(f.incident_id) ?? null) : null)),
    });
  }

  /** For the sweep: patrols silent so long they were clearly left running; closed at their last report. */
  async closeSilent(silentS: number, at: number = now()): Promise<number> {
    const before = new Date(at - silentS * 1000).toISOString();
    const rows = await this.db.selectFrom('patrols').selectAll().where('finished_at', 'is', null).where('moved_at', '<', before).limit(100).execute();
    let closed = 0;
    for (const p of rows) {
      if (p.last_at !== null && p.last_at >= before) continue;
      const last = p.last_at ?? p.client_started_at;
      await this.ctx.db.kysely
        .transaction()
        .execute((trx) => this.close(trx, SYSTEM_ACTOR, p, last < p.client_started_at ? p.client_started_at : last, new Date(at).toISOString(), 'timeout'))
        .then(() => closed++)
        .catch((e: unknown) => {
          if ((e as { code?: string }).code !== 'patrol_finished') throw e;
        });
    }
    if (closed) this.ctx.outbox.kick();
    return closed;
  }
}
