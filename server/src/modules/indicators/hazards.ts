import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs } from './sql.js';

/**
 * Hazards (隐患), attributed to both section chiefs' agencies (双段长): each answers for its
 * rectification. Counted in the period the deadline falls in, once past it or rectified;
 * rejected reports were never hazards.
 */
export const HAZARDS: Indicator[] = [
  {
    id: 'hazards.rectified_on_time',
    source: 'hazards',
    name: { zh: '隐患按期整改率', en: 'Hazards rectified on time' },
    formula: { zh: '期限前整改的隐患 ÷ 期限在本期且已到期或已整改的隐患 × 100%', en: 'hazards rectified by their deadline ÷ hazards due in the period, past due or rectified × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 90,
    component: 'outcomes',
    aggregate: 'rate',
    kind: 'hazard',
    rows: (c) => {
      const part = (agency: string) =>
        sql`select ${sql.ref(agency)} as agency_id, h.id as rec_id, h.code || ' ' || substr(h.description, 1, 30) as label, h.deadline_at as at,
          case when h.rectified_at is null then null else ${secs(c.engine, ref('h.reported_at'), ref('h.rectified_at'))} / 3600 end as measure,
          case when h.rectified_at is not null and h.rectified_at <= h.deadline_at then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
          from hazards h where h.deadline_at >= ${c.from} and h.deadline_at < ${c.to} and h.rejected_at is null
          and (h.rectified_at is not null or h.deadline_at <= ${c.asOf})`;
      // one agency can be both chiefs' (a section it holds alone): union, not union all
      return sql<IndicatorRow>`${part('h.railway_agency_id')} union ${part('h.local_agency_id')}`;
    },
  },
];
