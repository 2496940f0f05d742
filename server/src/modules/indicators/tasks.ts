import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs } from './sql.js';

/**
 * Task orders (指令), attributed to the agency they are for, counted in the period their deadline
 * falls in once it has passed or they are done. Cancelled ones asked nothing of anyone.
 */
export const TASKS: Indicator[] = [
  {
    id: 'tasks.on_time',
    source: 'tasks',
    name: { zh: '指令按时完成率', en: 'Task orders done on time' },
    formula: { zh: '期限前完成的指令 ÷ 期限在本期且已到期或已完成的指令 × 100%', en: 'task orders completed by their deadline ÷ task orders due in the period, past due or completed × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 90,
    component: 'collaborative_process',
    aggregate: 'rate',
    kind: 'task',
    // the incident is not shown: a task's reader need not read its incident (the task rule)
    rows: (c) =>
      sql<IndicatorRow>`select t.to_agency_id as agency_id, t.id as rec_id, t.code || ' ' || t.title as label, t.deadline as at,
        case when t.completed_at is null then null else ${secs(c.engine, ref('t.issued_at'), ref('t.completed_at'))} / 3600 end as measure,
        case when t.completed_at is not null and t.completed_at <= t.deadline then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        from tasks t where t.deadline >= ${c.from} and t.deadline < ${c.to} and t.status <> 'cancelled'
        and (t.completed_at is not null or t.deadline <= ${c.asOf})`,
  },
];
