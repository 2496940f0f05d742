import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs, text } from './sql.js';

/**
 * Reception and handling (接处警), attributed to the incident's lead agency. Cancelled and merged
 * incidents are left out: nobody was sent to them, so they say nothing of anyone's response.
 */
const REAL = sql`i.status not in ('cancelled', 'merged') and i.lead_agency_id is not null`;

export const RECEPTION: Indicator[] = [
  {
    id: 'reception.dispatch_time',
    source: 'reception',
    name: { zh: '派警用时', en: 'Time to dispatch' },
    formula: { zh: '接警至首次派警的平均秒数（本期接警的警情）', en: 'mean seconds from reception to first dispatch (incidents received in the period)' },
    unit: 'seconds',
    direction: 'lower_better',
    target: 120,
    component: 'outcomes',
    aggregate: 'mean',
    kind: 'incident',
    rows: (c) =>
      sql<IndicatorRow>`select i.lead_agency_id as agency_id, i.id as rec_id, i.code || ' ' || substr(i.description, 1, 30) as label, i.received_at as at,
        case when i.dispatched_at is null then null else ${secs(c.engine, ref('i.received_at'), ref('i.dispatched_at'))} end as measure,
        cast(null as integer) as hit, i.id as incident_id, i.code as incident_code
        from incidents i where i.received_at >= ${c.from} and i.received_at < ${c.to} and ${REAL}`,
  },
  {
    id: 'reception.on_scene_in_limit',
    source: 'reception',
    name: { zh: '按时到场率', en: 'On scene within the time limit' },
    formula: {
      zh: '接警后在责任时限内到场的警情 ÷ 已到场或已超时限的警情 × 100%',
      en: 'incidents reached on scene within the responsibility time limit ÷ incidents reached or past their limit × 100%',
    },
    unit: 'percent',
    direction: 'higher_better',
    target: 90,
    component: 'outcomes',
    aggregate: 'rate',
    kind: 'incident',
    // an incident still within its limit and not yet reached has not been measured
    rows: (c) =>
      sql<IndicatorRow>`select i.lead_agency_id as agency_id, i.id as rec_id, i.code || ' ' || substr(i.description, 1, 30) as label, i.received_at as at,
        case when i.on_scene_at is null then null else ${secs(c.engine, ref('i.received_at'), ref('i.on_scene_at'))} end as measure,
        case when i.on_scene_at is not null and ${secs(c.engine, ref('i.received_at'), ref('i.on_scene_at'))} <= i.time_limit_s then 1 else 0 end as hit,
        i.id as incident_id, i.code as incident_code
        from incidents i where i.received_at >= ${c.from} and i.received_at < ${c.to} and ${REAL}
        and (i.on_scene_at is not null or ${secs(c.engine, ref('i.received_at'), text(c.asOf))} > i.time_limit_s)`,
  },
];
