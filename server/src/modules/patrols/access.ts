import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import {
  canRead,
  CHECKPOINT_READ,
  FINDING_READ,
  MEMBER_READ,
  PATROL_ALERT_READ,
  PATROL_READ,
  PLAN_READ,
  scopeOf,
  TEAM_READ,
  type AgencyScope,
  type CheckpointRelation,
  type PatrolRelation,
  type PlanRelation,
  type TeamRelation,
} from '../../platform/policies.js';
import { notFound, type Thing } from '../../platform/http/errors.js';

/**
 * The read rules of civil defence (policies/patrols.ts) applied to rows: the relations of one
 * reader's agency to one row, for item reads and the live channel, and the same relations as SQL
 * filters, for lists. "The plans of an agency" — plans it made or has a team in — is the relation
 * joint patrols share, so it is stated once here.
 */
type Eb<T extends keyof Database> = ExpressionBuilder<Database, T>;

/** Ids of the plans an agency made or takes part in. */
function plansOf(eb: ExpressionBuilder<Database, any>, agencyId: string) {
  return eb
    .selectFrom('patrol_plans as own')
    .select('own.id')
    .where((w) => w.or([w('own.agency_id', '=', agencyId), w('own.id', 'in', w.selectFrom('patrol_plan_teams as mine').select('mine.plan_id').where('mine.agency_id', '=', agencyId))]));
}

export const scopes = {
  team: (actor: Actor) => scopeOf(TEAM_READ, actor, 'owner'),
  member: (actor: Actor) => scopeOf(MEMBER_READ, actor, 'owner'),
  checkpoint: (actor: Actor) => scopeOf(CHECKPOINT_READ, actor, 'owner'),
  plan: (actor: Actor) => scopeOf(PLAN_READ, actor, 'owner'),
  patrol: (actor: Actor) => scopeOf(PATROL_READ, actor, 'team'),
  finding: (actor: Actor) => scopeOf(FINDING_READ, actor, 'team'),
  alert: (actor: Actor) => scopeOf(PATROL_ALERT_READ, actor, 'addressee'),
};

/** SQL filters by scope; `null` agency means the reader reads none (an auditor). */
export const filters = {
  team: (eb: Eb<'patrol_teams'>, agencyId: string) =>
    eb.or([eb('patrol_teams.agency_id', '=', agencyId), eb('patrol_teams.id', 'in', eb.selectFrom('patrol_plan_teams as pt').select('pt.team_id').where('pt.plan_id', 'in', plansOf(eb, agencyId)))]),
  checkpoint: (eb: Eb<'checkpoints'>, agencyId: string) =>
    eb.or([eb('checkpoints.agency_id', '=', agencyId), eb('checkpoints.id', 'in', eb.selectFrom('patrol_plan_checkpoints as pc').select('pc.checkpoint_id').where('pc.plan_id', 'in', plansOf(eb, agencyId)))]),
  plan: (eb: Eb<'patrol_plans'>, agencyId: string) => eb('patrol_plans.id', 'in', plansOf(eb, agencyId)),
  patrol: (eb: Eb<'patrols'>, agencyId: string) => eb.or([eb('patrols.agency_id', '=', agencyId), eb('patrols.plan_id', 'in', plansOf(eb, agencyId))]),
  duty: (eb: Eb<'patrol_duties'>, agencyId: string) => eb('patrol_duties.plan_id', 'in', plansOf(eb, agencyId)),
  /** check-ins are read as their patrol is */
  checkIn: (eb: Eb<'patrol_check_ins'>, agencyId: string) =>
    eb.or([eb('patrol_check_ins.agency_id', '=', agencyId), eb('patrol_check_ins.patrol_id', 'in', eb.selectFrom('patrols as pp').select('pp.id').where('pp.plan_id', 'in', plansOf(eb, agencyId)))]),
  alert: (eb: Eb<'patrol_alerts'>, agencyId: string) => eb('patrol_alerts.agency_id', '=', agencyId),
  finding: (eb: Eb<'patrol_findings'>, agencyId: string) =>
    eb.or([eb('patrol_findings.agency_id', '=', agencyId), eb('patrol_findings.incident_id', 'in', eb.selectFrom('incident_agencies as ia').select('ia.incident_id').where('ia.agency_id', '=', agencyId))]),
};

/** Applies a scope to a list query: everything, one agency's filter, or nothing. */
export function scoped<Q extends { where: (...a: any[]) => Q }>(q: Q, scope: AgencyScope, filter: (eb: any, agencyId: string) => unknown): Q {
  if (scope.all) return q;
  if (scope.agencyId === null) return q.where((eb: any) => eb.val(1), '=', 0);
  const agencyId = scope.agencyId;
  return q.where((eb: any) => filter(eb, agencyId));
}

async function inPlansOf(db: Kysely<Database>, agencyId: string, planIds: readonly string[]): Promise<boolean> {
  if (!planIds.length) return false;
  const hit = await db.selectFrom('patrol_plans').select('id').where('id', 'in', [...planIds]).where((eb) => eb('id', 'in', plansOf(eb, agencyId))).executeTakeFirst();
  return hit !== undefined;
}

async function plansWith(db: Kysely<Database>, column: 'team' | 'checkpoint', id: string): Promise<string[]> {
  const rows =
    column === 'team'
      ? await db.selectFrom('patrol_plan_teams').select('plan_id').where('team_id', '=', id).execute()
      : await db.selectFrom('patrol_plan_checkpoints').select('plan_id').where('checkpoint_id', '=', id).execute();
  return rows.map((r) => r.plan_id);
}

export async function teamRelations(db: Kysely<Database>, actor: Actor, team: { id: string; agency_id: string }): Promise<TeamRelation[]> {
  const out: TeamRelation[] = [];
  if (team.agency_id === actor.agencyId) out.push('owner');
  if (await inPlansOf(db, actor.agencyId, await plansWith(db, 'team', team.id))) out.push('plan_partner');
  return out;
}

export async function checkpointRelations(db: Kysely<Database>, actor: Actor, cp: { id: string; agency_id: string }): Promise<CheckpointRelation[]> {
  const out: CheckpointRelation[] = [];
  if (cp.agency_id === actor.agencyId) out.push('owner');
  if (await inPlansOf(db, actor.agencyId, await plansWith(db, 'checkpoint', cp.id))) out.push('plan_partner');
  return out;
}

export async function planRelations(db: Kysely<Database>, actor: Actor, plan: { id: string; agency_id: string }): Promise<PlanRelation[]> {
  const out: PlanRelation[] = [];
  if (plan.agency_id === actor.agencyId) out.push('owner');
  const mine = await db.selectFrom('patrol_plan_teams').select('team_id').where('plan_id', '=', plan.id).where('agency_id', '=', actor.agencyId).executeTakeFirst();
  if (mine) out.push('participant');
  return out;
}

export async function patrolRelations(db: Kysely<Database>, actor: Actor, p: { agency_id: string; plan_id: string | null }): Promise<PatrolRelation[]> {
  const out: PatrolRelation[] = [];
  if (p.agency_id === actor.agencyId) out.push('team');
  if (p.plan_id && (await inPlansOf(db, actor.agencyId, [p.plan_id]))) out.push('plan');
  return out;
}

/** Reads a row and refuses it as unknown (404) unless the reader's relations to it let them in. */
export async function readableOr404<Row, R extends string>(row: Row | undefined, what: Thing, actor: Actor, policy: Parameters<typeof canRead<R>>[0], relations: (row: Row) => Promise<R[]>): Promise<Row> {
  if (!row || !canRead(policy, actor, await relations(row))) throw notFound(what);
  return row;
}

export { canRead, CHECKPOINT_READ, FINDING_READ, MEMBER_READ, PATROL_ALERT_READ, PATROL_READ, PLAN_READ, TEAM_READ };
