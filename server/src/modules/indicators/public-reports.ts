import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs } from './sql.js';

/** Reports from the public (群众报告), attributed to the lead agency of the incident each became. */
export const PUBLIC_REPORTS: Indicator[] = [
  {
    id: 'public_reports.handling_time',
    source: 'public_reports',
    name: { zh: '群众报告处置用时', en: 'Time to handle a public report' },
    formula: { zh: '报告提交至警情处置完毕的平均分钟数（本期提交且已处置完毕的报告）', en: 'mean minutes from a report submitted to its incident cleared (reports of the period whose incident is cleared)' },
    unit: 'minutes',
    direction: 'lower_better',
    target: 120,
    component: 'starting_conditions',
    aggregate: 'mean',
    kind: 'public_report',
    rows: (c) =>
      sql<IndicatorRow>`select i.lead_agency_id as agency_id, r.id as rec_id, i.code || ' ' || substr(r.description, 1, 30) as label, r.submitted_at as at,
        case when i.cleared_at is null then null else ${secs(c.engine, ref('r.submitted_at'), ref('i.cleared_at'))} / 60 end as measure,
        cast(null as integer) as hit, i.id as incident_id, i.code as incident_code
        from public_reports r join incidents i on i.id = r.incident_id
        where r.submitted_at >= ${c.from} and r.submitted_at < ${c.to} and i.lead_agency_id is not null and i.status not in ('cancelled', 'merged')`,
  },
];
