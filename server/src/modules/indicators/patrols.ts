import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';

/**
 * Patrols (巡防): duties of a plan attributed to the plan's agency, check-ins and patrols to the
 * team's agency. A duty counts once its slot has ended.
 */
export const PATROLS: Indicator[] = [
  {
    id: 'patrols.duties_done',
    source: 'patrols',
    name: { zh: '巡逻勤务完成率', en: 'Patrol duties done' },
    formula: { zh: '有有效打卡的勤务 ÷ 本期已结束的勤务 × 100%', en: 'duties with an accepted check-in ÷ duties of the period whose slot has ended × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 95,
    component: 'outcomes',
    aggregate: 'rate',
    kind: 'patrol_duty',
    rows: (c) =>
      sql<IndicatorRow>`select p.agency_id as agency_id, d.id as rec_id, p.name || ' ' || d.date as label, d.slot_start as at, cast(null as double precision) as measure,
        case when exists (select 1 from patrol_check_ins ci where ci.duty_id = d.id and ci.accepted = 1) then 1 else 0 end as hit,
        cast(null as text) as incident_id, cast(null as text) as incident_code
        from patrol_duties d join patrol_plans p on p.id = d.plan_id
        where d.slot_start >= ${c.from} and d.slot_start < ${c.to} and d.slot_end <= ${c.asOf}`,
  },
  {
    id: 'patrols.check_ins_on_time',
    source: 'patrols',
    name: { zh: '打卡准时率', en: 'Check-ins on time' },
    formula: { zh: '准时的有效打卡 ÷ 本期有效打卡 × 100%', en: 'accepted check-ins on time ÷ accepted check-ins in the period × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 90,
    component: 'institutional_design',
    aggregate: 'rate',
    kind: 'check_in',
    rows: (c) =>
      sql<IndicatorRow>`select ci.agency_id as agency_id, ci.id as rec_id, cp.name as label, ci.client_at as at, cast(null as double precision) as measure,
        case when ci.late = 0 then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        from patrol_check_ins ci join checkpoints cp on cp.id = ci.checkpoint_id
        where ci.accepted = 1 and ci.client_at >= ${c.from} and ci.client_at < ${c.to}`,
  },
  {
    id: 'patrols.joint_share',
    source: 'patrols',
    name: { zh: '联合巡逻占比', en: 'Joint patrols' },
    formula: { zh: '联合勤务中的巡逻 ÷ 本期开始的巡逻 × 100%', en: 'patrols on a joint duty ÷ patrols started in the period × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 30,
    component: 'collaborative_process',
    aggregate: 'rate',
    kind: 'patrol',
    rows: (c) =>
      sql<IndicatorRow>`select p.agency_id as agency_id, p.id as rec_id, t.name as label, p.started_at as at, cast(null as double precision) as measure,
        case when d.joint = 1 then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        from patrols p join patrol_teams t on t.id = p.team_id left join patrol_duties d on d.id = p.duty_id
        where p.started_at >= ${c.from} and p.started_at < ${c.to}`,
  },
];
