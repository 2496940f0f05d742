import { z } from 'zod';
import { Id, MemberInput, Month, PatrolTeam, Statement, TeamInput, TeamMember } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { TeamService } from './teams.js';
import type { StatementService } from './statements.js';
import { beijingMonth, statementCsv } from './points.js';
import { now } from '../../platform/clock.js';
import { Format, IdParams } from './route-helpers.js';

export function teamRoutes(teams: TeamService, statements: StatementService): RouteSpec[] {
  const tag = 'civil defence';
  const statementQuery = z.object({ month: Month.optional(), format: Format });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/patrol-teams',
      summary: 'Joint-defence teams the user may see, with their members (names and phones only for the team’s own agency and the centre)',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'patrol_team', at: 'teams.*.id' }], mentions: ['patrol_member'] },
      query: z.object({ agencyId: Id.optional() }),
      response: z.object({ teams: z.array(PatrolTeam) }),
      handler: async ({ actor, query }) => ({ teams: await teams.list(actor!, query) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrol-teams',
      summary: 'Create a team (railway or local police patrol, township team, guard post, security company, volunteers, information officers)',
      tag,
      access: 'signed-in',
      body: TeamInput,
      status: 201,
      response: PatrolTeam,
      handler: async ({ actor, body }) => teams.save(actor!, null, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-teams/:id',
      summary: 'A team and its members',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_team', param: 'id' }, mentions: ['patrol_member'] },
      params: IdParams,
      response: PatrolTeam,
      handler: async ({ actor, params }) => teams.get(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/patrol-teams/:id',
      summary: 'Create or change a team under an id of your own (bulk imports)',
      tag,
      access: 'signed-in',
      params: IdParams,
      body: TeamInput,
      response: PatrolTeam,
      handler: async ({ actor, params, body }) => teams.save(actor!, params.id, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/patrol-members',
      summary: 'Add a member to a team: personal data, account, skills, training and certificates, availability',
      tag,
      access: 'signed-in',
      body: MemberInput,
      status: 201,
      response: TeamMember,
      handler: async ({ actor, body }) => teams.saveMember(actor!, null, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-members/:id',
      summary: 'A member with personal data: the team’s own agency and the centre only (each look is audited)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_member', param: 'id' } },
      params: IdParams,
      response: TeamMember,
      handler: async ({ actor, params }) => teams.member(actor!, params.id),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/patrol-members/:id',
      summary: 'Create or change a member under an id of your own',
      tag,
      access: 'signed-in',
      params: IdParams,
      body: MemberInput,
      response: TeamMember,
      handler: async ({ actor, params, body }) => teams.saveMember(actor!, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-teams/:id/statement',
      summary: 'A team’s monthly statement of volunteer hours and points (积分) per member, JSON or CSV (month YYYY-MM, default this Beijing month)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_team', param: 'id' }, mentions: ['patrol_member'] },
      params: IdParams,
      query: statementQuery,
      response: Statement,
      handler: async ({ actor, params, query, lang, reply }) => {
        const month = query.month ?? beijingMonth(now());
        const s = await statements.team(actor!, params.id, month, lang);
        if (query.format === 'json') return s;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="statement-${month}.csv"`).send(statementCsv(s, lang));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/patrol-members/:id/statement',
      summary: 'A member’s monthly statement (the team’s own agency and the centre)',
      tag,
      access: 'signed-in',
      reads: { item: { kind: 'patrol_member', param: 'id' } },
      params: IdParams,
      query: statementQuery,
      response: Statement,
      handler: async ({ actor, params, query, lang, reply }) => {
        const month = query.month ?? beijingMonth(now());
        const s = await statements.member(actor!, params.id, month, lang);
        if (query.format === 'json') return s;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="statement-${month}.csv"`).send(statementCsv(s, lang));
      },
    }),
  ];
}
