import type { Statement } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { notFound } from '../../platform/http/errors.js';
import { canRead, MEMBER_READ } from './access.js';
import { statementRows, statementTotals } from './points.js';
import type { PatrolContext } from './context.js';
import type { TeamService } from './teams.js';

/**
 * The monthly statement of hours and points, per team and per member, from the points ledger.
 * Names appear only for readers who may see the members' personal data; everyone else who may
 * read the team sees 队员 1, 2, 3.
 */
export class StatementService {
  constructor(
    private readonly ctx: PatrolContext,
    private readonly teams: TeamService,
  ) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async team(actor: Actor, teamId: string, month: string, lang: 'zh-CN' | 'en'): Promise<Statement> {
    const team = await this.teams.get(actor, teamId);
    const members = await this.db.selectFrom('patrol_members').select(['id', 'agency_id', 'seq', 'active']).where('team_id', '=', team.id).execute();
    const labels = await this.teams.labels(actor, members, lang);
    const credits = await this.db.selectFrom('patrol_points').select(['member_id', 'kind', 'points', 'hours', 'ref_id']).where('team_id', '=', team.id).where('month', '=', month).execute();
    const rows = statementRows(
      members.map((m) => ({ id: m.id, label: labels.get(m.id)!, active: m.active === 1 })),
      credits.map((c) => ({ memberId: c.member_id, kind: c.kind, points: c.points, hours: c.hours, refId: c.ref_id })),
    );
    return { month, teamId: team.id, teamName: team.name, rows, totals: statementTotals(rows) };
  }

  /** One member's statement: for readers of the member's personal record (the agency and the centre). */
  async member(actor: Actor, memberId: string, month: string, lang: 'zh-CN' | 'en'): Promise<Statement> {
    const m = await this.db.selectFrom('patrol_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!m || !canRead(MEMBER_READ, actor, m.agency_id === actor.agencyId ? ['owner'] : [])) throw notFound('member');
    const team = await this.db.selectFrom('patrol_teams').select(['id', 'name']).where('id', '=', m.team_id).executeTakeFirstOrThrow();
    const labels = await this.teams.labels(actor, [m], lang);
    const credits = await this.db.selectFrom('patrol_points').select(['member_id', 'kind', 'points', 'hours', 'ref_id']).where('member_id', '=', m.id).where('month', '=', month).execute();
    const rows = statementRows([{ id: m.id, label: labels.get(m.id)!, active: true }], credits.map((c) => ({ memberId: c.member_id, kind: c.kind, points: c.points, hours: c.hours, refId: c.ref_id })));
    return { month, teamId: team.id, teamName: team.name, rows, totals: statementTotals(rows) };
  }
}
