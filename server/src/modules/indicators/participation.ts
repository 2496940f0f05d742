import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';

/** Participation (参与度): what an agency's people record on the platform, and volunteers' hours. */
export const PARTICIPATION: Indicator[] = [
  {
    id: 'participation.actions',
    source: 'participation',
    name: { zh: '平台参与次数', en: 'Actions on the platform' },
    formula: { zh: '本期本单位人员在平台记录的操作数', en: 'changes the agency’s people recorded on the platform in the period' },
    unit: 'count',
    direction: 'higher_better',
    target: 20,
    component: 'starting_conditions',
    aggregate: 'sum',
    kind: 'change',
    rows: (c) =>
      sql<IndicatorRow>`select g.actor_agency_id as agency_id, ${sql`cast(g.id as text)`} as rec_id, g.entity || ' ' || g.action as label, g.at as at, 1 as measure, cast(null as integer) as hit,
        cast(null as text) as incident_id, cast(null as text) as incident_code
        from change_log g where g.at >= ${c.from} and g.at < ${c.to} and g.actor_agency_id is not null`,
  },
  {
    id: 'participation.volunteer_hours',
    source: 'participation',
    name: { zh: '志愿巡防时长', en: 'Volunteer patrol hours' },
    formula: { zh: '本期本单位巡防队员累计巡防小时数', en: 'hours patrolled by the agency’s team members in the period' },
    unit: 'hours',
    direction: 'higher_better',
    target: 40,
    component: 'starting_conditions',
    aggregate: 'sum',
    kind: 'patrol',
    rows: (c) =>
      sql<IndicatorRow>`select t.agency_id as agency_id, pp.id as rec_id, t.name as label, pp.at as at, pp.hours as measure, cast(null as integer) as hit,
        cast(null as text) as incident_id, cast(null as text) as incident_code
        from patrol_points pp join patrol_teams t on t.id = pp.team_id where pp.at >= ${c.from} and pp.at < ${c.to} and pp.hours > 0`,
  },
];
