import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PatrolDuty, PatrolPlan, PlanInput } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { forbidden, validationError, type FieldError, said, fieldError, saidOf, HttpError } from '../../platform/http/errors.js';
import { canManageFor } from '../../platform/policies.js';
import type { PatrolDutiesTable, PatrolPlansTable } from './tables.js';
import { CHECKPOINT_READ, checkpointRelations, filters, canRead, PLAN_READ, planRelations, readableOr404, scoped, scopes, TEAM_READ, teamRelations } from './access.js';
import { addDays, beijingDate, dutiesFor, dutyStatus, type PlanForDuties } from './duties.js';
import { placeCheckpoint } from './place.js';
import { flag, parseJson, type PatrolContext } from './context.js';

/**
 * Patrol plans and the day's duties they produce. A plan whose teams come from two or more
 * agencies is a joint patrol (联勤联巡). Duties are written for today and tomorrow when a plan is
 * saved and by the sweep each day, frozen as written: changing a plan rewrites only slots not yet
 * begun and never touched, so yesterday's record stays what yesterday's plan asked for.
 */
export class PlanService {
  constructor(private readonly ctx: PatrolContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async list(actor: Actor, filter: { agencyId?: string; teamId?: string } = {}): Promise<PatrolPlan[]> {
    let q = this.db.selectFrom('patrol_plans').selectAll().orderBy('agency_id').orderBy('name');
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    if (filter.teamId) q = q.where('id', 'in', this.db.selectFrom('patrol_plan_teams').select('plan_id').where('team_id', '=', filter.teamId));
    return this.withAgencies((await scoped(q, scopes.plan(actor), filters.plan).execute()).map((r) => this.present(r)));
  }

  async row(actor: Actor, id: string): Promise<PatrolPlansTable> {
    const row = await this.db.selectFrom('patrol_plans').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'patrol plan', actor, PLAN_READ, (p) => planRelations(this.db, actor, p));
  }

  async get(actor: Actor, id: string): Promise<PatrolPlan> {
    return (await this.withAgencies([this.present(await this.row(actor, id))]))[0]!;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.row(actor, id).then(
      () => true,
      () => false,
    );
  }

  async save(actor: Actor, id: string | null, input: PlanInput): Promise<PatrolPlan> {
    if (!this.ctx.org.findAgency(input.agencyId)) throw validationError([fieldError('body.agencyId', `单位「${input.agencyId}」不存在`, `unknown agency "${input.agencyId}"`)]);
    if (!canManageFor(actor, input.agencyId)) throw forbidden(said('只有本单位的指挥长、民警、联络员，协调中心和管理员可以制定巡逻计划', 'only the agency’s commanders, officers and liaisons, the centre and administrators plan its patrols'));
    const existing = id ? await this.db.selectFrom('patrol_plans').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (existing && !canManageFor(actor, existing.agency_id)) throw forbidden(said('该巡逻计划属于其他单位', 'the plan belongs to another agency'));
    // its duties are the patrol game's draw, not its days and windows: an edit here would rewrite them from the wrong source
    if (existing?.randomised) throw new HttpError(409, 'plan_randomised', said('随机巡逻计划由风险室的随机巡逻生成，请在那里重新生成', 'a randomised patrol plan is made by the randomised patrols in the risk room; generate it again there'));
    const problems: FieldError[] = [];
    // a plan names only teams and checkpoints its author may see: a joint plan across agencies is the centre's to make
    const teams = await this.db.selectFrom('patrol_teams').selectAll().where('id', 'in', input.teamIds).execute();
    for (const [i, tid] of input.teamIds.entries()) {
      const t = teams.find((x) => x.id === tid);
      if (!t || !canRead(TEAM_READ, actor, await teamRelations(this.db, actor, t))) problems.push(fieldError(`body.teamIds.${i}`, '巡防队不存在', 'no such team'));
      else if (t.active !== 1) problems.push(fieldError(`body.teamIds.${i}`, '该巡防队已停用', 'the team is inactive'));
    }
    const cps = await this.db.selectFrom('checkpoints').selectAll().where('id', 'in', input.checkpointIds).execute();
    for (const [i, cid] of input.checkpointIds.entries()) {
      const c = cps.find((x) => x.id === cid);
      if (!c || !canRead(CHECKPOINT_READ, actor, await checkpointRelations(this.db, actor, c))) problems.push(fieldError(`body.checkpointIds.${i}`, '巡防点不存在', 'no such checkpoint'));
      else if (input.kind === 'sentinel' && c.kind !== 'post') problems.push(fieldError(`body.checkpointIds.${i}`, '定点值守计划只在岗位签到', 'a sentinel plan checks in at posts'));
    }
    if (input.stretch) {
      const model = this.ctx.network.current();
      for (const end of ['from', 'to'] as const) {
        try {
          placeCheckpoint(model, { lineId: input.stretch.lineId, mileage: input.stretch[end] }, 'body.stretch');
        } catch (e) {
          problems.push({ field: `body.stretch.${end}`, message: saidOf(e) });
        }
      }
    }
    if (problems.length) throw validationError(problems);
    const agencies = [...new Set(teams.map((t) => t.agency_id))].sort();
    const at = nowIso();
    const planId = id ?? crypto.randomUUID();
    const version = (existing?.version ?? 0) + 1;
    const row: Omit<PatrolPlansTable, 'id' | 'created_at'> = {
      agency_id: input.agencyId,
      name: input.name,
      kind: input.kind,
      stretch: input.stretch ? JSON.stringify(input.stretch) : null,
      checkpoint_ids: JSON.stringify(input.checkpointIds),
      days: JSON.stringify([...input.days].sort()),
      windows: JSON.stringify(input.windows),
      rounds: input.rounds,
      check_every_h: input.checkEveryH,
      team_ids: JSON.stringify(input.teamIds),
      mode: input.mode,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      active: flag(input.active),
      joint: flag(agencies.length >= 2),
      randomised: 0,
      version,
      updated_at: at,
    };
    await this.db.transaction().execute(async (trx) => {
      if (existing) await trx.updateTable('patrol_plans').set(row).where('id', '=', planId).execute();
      else await trx.insertInto('patrol_plans').values({ id: planId, ...row, created_at: at }).execute();
      await trx.deleteFrom('patrol_plan_teams').where('plan_id', '=', planId).execute();
      await trx.insertInto('patrol_plan_teams').values(teams.map((t) => ({ plan_id: planId, team_id: t.id, agency_id: t.agency_id }))).execute();
      await trx.deleteFrom('patrol_plan_checkpoints').where('plan_id', '=', planId).execute();
      await trx.insertInto('patrol_plan_checkpoints').values(input.checkpointIds.map((c, seq) => ({ plan_id: planId, checkpoint_id: c, seq }))).execute();
      await recordChange(trx, actor, 'patrol_plan', planId, existing ? 'update' : 'create', { version, teams: input.teamIds, checkpoints: input.checkpointIds.length, joint: agencies.length >= 2 });
      await this.regenerate(trx, planId, at, existing !== undefined);
    });
    return this.get(actor, planId);
  }

  /** Drops the plan's slots not yet begun and never checked into, and writes today's and tomorrow's from the plan as it is now. */
  private async regenerate(trx: Kysely<Database>, planId: string, at: string, changed: boolean): Promise<void> {
    const stale = await trx
      .selectFrom('patrol_duties')
      .select('id')
      .where('plan_id', '=', planId)
      .where('slot_start', '>', at)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('patrol_check_ins').select('patrol_check_ins.id').whereRef('patrol_check_ins.duty_id', '=', 'patrol_duties.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('patrols').select('patrols.id').whereRef('patrols.duty_id', '=', 'patrol_duties.id'))))
      .execute();
    if (stale.length) await trx.deleteFrom('patrol_duties').where('id', 'in', stale.map((d) => d.id)).execute();
    const today = beijingDate(Date.parse(at));
    // a changed plan leaves begun slots as they were; a new one starts with today's, the current slot included
    await this.generate(trx, [today, addDays(today, 1)], planId, changed ? at : undefined);
  }

  /** Writes the duties of these dates (every active plan, or one); idempotent, so every instance may run it. */
  async generate(db: Kysely<Database>, dates: readonly string[], planId?: string, after?: string): Promise<number> {
    // randomised plans' duties are written from the patrol game's schedules, day by day (randomised.ts)
    let q = db.selectFrom('patrol_plans').selectAll().where('active', '=', 1).where('randomised', '=', 0);
    if (planId) q = q.where('id', '=', planId);
    const plans = await q.execute();
    let written = 0;
    const created = nowIso();
    for (const p of plans) {
      const teams = await db.selectFrom('patrol_plan_teams').select(['team_id']).where('plan_id', '=', p.id).execute();
      const rows = dates
        .flatMap((d) => dutiesFor(toDutyPlan(p), d))
        .filter((d) => after === undefined || d.start > after)
        .map((d): PatrolDutiesTable => ({
          id: d.id,
          plan_id: p.id,
          plan_version: p.version,
          date: d.date,
          slot_start: d.start,
          slot_end: d.end,
          kind: p.kind,
          mode: p.mode,
          checkpoint_ids: p.checkpoint_ids,
          team_ids: JSON.stringify(teams.map((t) => t.team_id)),
          joint: p.joint,
          settled_at: null,
          created_at: created,
        }));
      for (let i = 0; i < rows.length; i += 100) {
        const res = await db.insertInto('patrol_duties').values(rows.slice(i, i + 100)).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
        written += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
    }
    return written;
  }

  /** The day's duties the reader may see (a team's, for the phone), with what is done so far. */
  async duties(actor: Actor, filter: { date?: string; teamId?: string }): Promise<PatrolDuty[]> {
    const date = filter.date ?? beijingDate(now());
    let q = this.db.selectFrom('patrol_duties').innerJoin('patrol_plans', 'patrol_plans.id', 'patrol_duties.plan_id').selectAll('patrol_duties').select('patrol_plans.name as plan_name').where('patrol_duties.date', '=', date).orderBy('patrol_duties.slot_start');
    if (filter.teamId) q = q.where('patrol_duties.plan_id', 'in', this.db.selectFrom('patrol_plan_teams').select('plan_id').where('team_id', '=', filter.teamId));
    const rows = await scoped(q, scopes.plan(actor), filters.plan).execute();
    return this.presentDuties(rows);
  }

  async presentDuties(rows: Array<PatrolDutiesTable & { plan_name: string }>): Promise<PatrolDuty[]> {
    if (!rows.length) return [];
    const cpIds = [...new Set(rows.flatMap((d) => parseJson<string[]>(d.checkpoint_ids)))];
    const cps = new Map((await this.db.selectFrom('checkpoints').selectAll().where('id', 'in', cpIds).execute()).map((c) => [c.id, c]));
    const done = await this.db
      .selectFrom('patrol_check_ins')
      .select(['duty_id', 'checkpoint_id', 'client_at', 'late'])
      .where('duty_id', 'in', rows.map((d) => d.id))
      .where('accepted', '=', 1)
      .orderBy('client_at')
      .execute();
    const at = now();
    return rows.map((d) => {
      const ids = parseJson<string[]>(d.checkpoint_ids);
      const mine = done.filter((x) => x.duty_id === d.id);
      const checkpoints = ids.flatMap((id, seq) => {
        const c = cps.get(id);
        if (!c) return [];
        const hit = mine.find((x) => x.checkpoint_id === id);
        return [{ id, name: c.name, seq, coordinates: [c.lon, c.lat] as [number, number], radiusM: c.radius_m, mileage: c.mileage, checkedInAt: hit?.client_at ?? null, late: hit?.late === 1 }];
      });
      const doneCount = checkpoints.filter((c) => c.checkedInAt !== null).length;
      return {
        id: d.id,
        planId: d.plan_id,
        planName: d.plan_name,
        kind: d.kind as PatrolDuty['kind'],
        date: d.date,
        slotStart: d.slot_start,
        slotEnd: d.slot_end,
        teamIds: parseJson<string[]>(d.team_ids),
        joint: d.joint === 1,
        mode: d.mode as PatrolDuty['mode'],
        checkpoints,
        status: dutyStatus({ start: d.slot_start, end: d.slot_end }, doneCount, checkpoints.length, at, this.ctx.rules.lateGraceS),
      };
    });
  }

  present(r: PatrolPlansTable): PatrolPlan {
    const teamIds = parseJson<string[]>(r.team_ids);
    return {
      id: r.id,
      agencyId: r.agency_id,
      agencyName: this.ctx.org.agencyName(r.agency_id),
      name: r.name,
      kind: r.kind as PatrolPlan['kind'],
      stretch: parseJson<PatrolPlan['stretch']>(r.stretch),
      checkpointIds: parseJson<string[]>(r.checkpoint_ids),
      days: parseJson<number[]>(r.days),
      windows: parseJson<PatrolPlan['windows']>(r.windows),
      rounds: r.rounds,
      checkEveryH: r.check_every_h,
      teamIds,
      mode: r.mode as PatrolPlan['mode'],
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      active: r.active === 1,
      joint: r.joint === 1,
      agencies: [],
      version: r.version,
      updatedAt: r.updated_at,
    };
  }

  /** Fills each plan's agencies (its teams' agencies): who takes part in a joint patrol. */
  private async withAgencies(plans: PatrolPlan[]): Promise<PatrolPlan[]> {
    if (!plans.length) return plans;
    const rows = await this.db.selectFrom('patrol_plan_teams').select(['plan_id', 'agency_id']).where('plan_id', 'in', plans.map((p) => p.id)).execute();
    return plans.map((p) => ({ ...p, agencies: [...new Set(rows.filter((r) => r.plan_id === p.id).map((r) => r.agency_id))].sort() }));
  }
}

export function toDutyPlan(p: PatrolPlansTable): PlanForDuties {
  return {
    id: p.id,
    version: p.version,
    kind: p.kind as PlanForDuties['kind'],
    days: parseJson<number[]>(p.days),
    windows: parseJson<PlanForDuties['windows']>(p.windows),
    rounds: p.rounds,
    checkEveryH: p.check_every_h,
    validFrom: p.valid_from,
    validUntil: p.valid_until,
    active: p.active === 1,
  };
}
