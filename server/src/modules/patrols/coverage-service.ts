import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { now } from '../../platform/clock.js';
import { forbidden, validationError, said, fieldError } from '../../platform/http/errors.js';
import { recordChange } from '../../platform/change-log.js';
import { nowIso } from '../../platform/clock.js';
import { filters, scoped, scopes } from './access.js';
import { beijingDate, beijingInstant } from './duties.js';
import { coverageTotals, sectionCoverage } from './coverage.js';
import { parseJson, type PatrolContext } from './context.js';

/** "Hours since last patrolled" looks this far back; a section quiet for longer shows as never. */
export const LOOKBACK_DAYS = 30;

/**
 * Coverage for the centre's map and table: per section per day, and each team's record. Both are
 * computed from what the reader may read (plans and patrols by their rules), so an agency sees its
 * own and its joint patrols' coverage and the centre sees everything.
 */
export class CoverageService {
  constructor(private readonly ctx: PatrolContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async sections(actor: Actor, q: { date?: string; lineId?: string }) {
    const date = q.date ?? beijingDate(now());
    const dayStart = beijingInstant(date, '00:00');
    const at = Math.min(now(), dayStart + 86_400_000);
    const model = this.ctx.network.current();
    if (q.lineId && !model.line(q.lineId)) throw validationError([fieldError('query.lineId', '线路不存在', 'no such line')]);
    const sections = model.sections(q.lineId);
    const dutyQuery = this.db.selectFrom('patrol_duties').selectAll('patrol_duties').where('patrol_duties.date', '=', date);
    const duties = await scoped(dutyQuery, scopes.plan(actor), filters.duty).execute();
    const visits = duties.length
      ? await this.db.selectFrom('patrol_check_ins').select(['duty_id', 'checkpoint_id', 'late', 'agency_id']).where('accepted', '=', 1).where('duty_id', 'in', duties.map((d) => d.id)).execute()
      : [];
    const done = new Map<string, Map<string, { late: boolean }>>();
    const agencies = new Map<string, Set<string>>();
    for (const v of visits) {
      if (!v.duty_id) continue;
      const m = done.get(v.duty_id) ?? new Map<string, { late: boolean }>();
      if (!m.has(v.checkpoint_id)) m.set(v.checkpoint_id, { late: v.late === 1 });
      done.set(v.duty_id, m);
      agencies.set(v.duty_id, (agencies.get(v.duty_id) ?? new Set()).add(v.agency_id));
    }
    const cpIds = [...new Set(duties.flatMap((d) => parseJson<string[]>(d.checkpoint_ids)))];
    const sectionOf = new Map<string, string | null>();
    for (let i = 0; i < cpIds.length; i += 500) {
      for (const c of await this.db.selectFrom('checkpoints').select(['id', 'section_id']).where('id', 'in', cpIds.slice(i, i + 500)).execute()) sectionOf.set(c.id, c.section_id);
    }
    const since = new Date(at - LOOKBACK_DAYS * 86_400_000).toISOString();
    let lastQuery = this.db
      .selectFrom('patrol_check_ins')
      .innerJoin('checkpoints', 'checkpoints.id', 'patrol_check_ins.checkpoint_id')
      .innerJoin('patrols', 'patrols.id', 'patrol_check_ins.patrol_id')
      .select(['checkpoints.section_id', sql<string>`max(patrol_check_ins.client_at)`.as('last')])
      .where('patrol_check_ins.accepted', '=', 1)
      .where('patrol_check_ins.client_at', '>=', since)
      .where('patrol_check_ins.client_at', '<=', new Date(at).toISOString())
      .where('checkpoints.section_id', 'is not', null)
      .groupBy('checkpoints.section_id');
    if (q.lineId) lastQuery = lastQuery.where('checkpoints.line_id', '=', q.lineId);
    const last = await scoped(lastQuery, scopes.patrol(actor), filters.patrol).execute();
    const risks = await this.db.selectFrom('patrol_section_risks').select(['section_id', 'weight']).execute();
    const rows = sectionCoverage({
      sections,
      risk: new Map(risks.map((r) => [r.section_id, r.weight])),
      lastPatrolled: new Map(last.map((r) => [r.section_id!, r.last])),
      sectionOf,
      duties: duties.map((d) => ({ id: d.id, planId: d.plan_id, joint: d.joint === 1, end: d.slot_end, checkpointIds: parseJson<string[]>(d.checkpoint_ids) })),
      done,
      agencies,
      now: at,
      graceS: this.ctx.rules.lateGraceS,
    });
    return { date, at: new Date(at).toISOString(), sections: rows, totals: coverageTotals(rows, dayStart) };
  }

  /** Each team's record for a day: duties and how they went, refused check-ins, patrols, hours, findings, alerts. */
  async teams(actor: Actor, q: { date?: string }) {
    const date = q.date ?? beijingDate(now());
    const dayStart = new Date(beijingInstant(date, '00:00')).toISOString();
    const dayEnd = new Date(beijingInstant(date, '00:00') + 86_400_000).toISOString();
    const at = now();
    // every figure from what the reader may read: duties by their plans, patrols and check-ins by their patrols
    const teams = await scoped(this.db.selectFrom('patrol_teams').selectAll().orderBy('name'), scopes.team(actor), filters.team).execute();
    const duties = await scoped(this.db.selectFrom('patrol_duties').selectAll().where('date', '=', date), scopes.plan(actor), filters.duty).execute();
    const visits = duties.length ? await this.db.selectFrom('patrol_check_ins').select(['duty_id', 'checkpoint_id', 'late']).where('accepted', '=', 1).where('duty_id', 'in', duties.map((d) => d.id)).execute() : [];
    const patrols = await scoped(this.db.selectFrom('patrols').select(['id', 'team_id', 'client_started_at', 'client_finished_at']).where('client_started_at', '>=', dayStart).where('client_started_at', '<', dayEnd), scopes.patrol(actor), filters.patrol).execute();
    const refused = await scoped(this.db.selectFrom('patrol_check_ins').select(['team_id']).where('accepted', '=', 0).where('client_at', '>=', dayStart).where('client_at', '<', dayEnd), scopes.patrol(actor), filters.checkIn).execute();
    const findings = await scoped(this.db.selectFrom('patrol_findings').select(['team_id']).where('client_at', '>=', dayStart).where('client_at', '<', dayEnd), scopes.finding(actor), filters.finding).execute();
    const alerts = await scoped(this.db.selectFrom('patrol_alerts').select(['team_id']).where('raised_at', '>=', dayStart).where('raised_at', '<', dayEnd), scopes.alert(actor), filters.alert).execute();
    return {
      date,
      teams: teams.map((t) => {
        const mine = duties.filter((d) => parseJson<string[]>(d.team_ids).includes(t.id));
        let planned = 0;
        let onTime = 0;
        let late = 0;
        let missed = 0;
        for (const d of mine) {
          const over = at > Date.parse(d.slot_end) + this.ctx.rules.lateGraceS * 1000;
          for (const cp of parseJson<string[]>(d.checkpoint_ids)) {
            planned++;
            const v = visits.find((x) => x.duty_id === d.id && x.checkpoint_id === cp);
            if (v) v.late === 1 ? late++ : onTime++;
            else if (over) missed++;
          }
        }
        const own = patrols.filter((p) => p.team_id === t.id);
        const hours = own.reduce((h, p) => h + (p.client_finished_at ? Math.max(0, Date.parse(p.client_finished_at) - Date.parse(p.client_started_at)) / 3600_000 : 0), 0);
        return {
          teamId: t.id,
          teamName: t.name,
          agencyId: t.agency_id,
          planned,
          onTime,
          late,
          missed,
          refused: refused.filter((r) => r.team_id === t.id).length,
          patrols: own.length,
          hours: Math.round(hours * 100) / 100,
          findings: findings.filter((f) => f.team_id === t.id).length,
          jointDuties: mine.filter((d) => d.joint === 1).length,
          alerts: alerts.filter((a) => a.team_id === t.id).length,
        };
      }),
    };
  }

  async risks() {
    const rows = await this.db.selectFrom('patrol_section_risks').selectAll().orderBy('section_id').execute();
    return { risks: rows.map((r) => ({ sectionId: r.section_id, lineId: r.line_id, weight: r.weight, reason: r.reason, updatedAt: r.updated_at, updatedBy: r.updated_by })) };
  }

  /**
   * A section's risk weight, kept as data for weighting patrol frequency later (the risk
   * assessment of issue 12 will set it from incidents and defensible-space indicators). The
   * centre's operators and analysts and administrators set it.
   */
  async setRisk(actor: Actor, sectionId: string, input: { weight: number; reason: string }) {
    const centre = actor.agencyType === 'coordination_centre' && actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'analyst');
    if (!centre && !actor.roles.includes('admin')) throw forbidden(said('区段风险权重由协调中心设定', 'the centre sets section risk weights'));
    const section = this.ctx.network.current().sections().find((s) => s.id === sectionId);
    if (!section) throw validationError([fieldError('params.sectionId', '区段不存在', 'no such section')]);
    const row = { section_id: sectionId, line_id: section.lineId, weight: input.weight, reason: input.reason, updated_at: nowIso(), updated_by: actor.username };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('patrol_section_risks').values(row).onConflict((oc) => oc.column('section_id').doUpdateSet({ weight: row.weight, reason: row.reason, updated_at: row.updated_at, updated_by: row.updated_by })).execute();
      await recordChange(trx, actor, 'section_risk', sectionId, 'set', { weight: input.weight, reason: input.reason });
    });
    return { sectionId, lineId: section.lineId, weight: row.weight, reason: row.reason, updatedAt: row.updated_at, updatedBy: row.updated_by };
  }
}
