import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs } from './sql.js';

/** Transfers (移交), attributed to the agency asked to take the incident over. */
const FROM = sql`from transfers t join incidents i on i.id = t.incident_id`;
const LABEL = sql`i.code || ' ' || substr(i.description, 1, 30)`;

export const TRANSFERS: Indicator[] = [
  {
    id: 'transfers.accept_time',
    source: 'transfers',
    name: { zh: '移交接收用时', en: 'Time to accept a transfer' },
    formula: { zh: '移交发出至接收的平均秒数（本期发出并接收的移交）', en: 'mean seconds from a transfer sent to its acceptance (transfers sent in the period and accepted)' },
    unit: 'seconds',
    direction: 'lower_better',
    target: 300,
    component: 'collaborative_process',
    aggregate: 'mean',
    kind: 'transfer',
    rows: (c) =>
      sql<IndicatorRow>`select t.to_agency_id as agency_id, t.id as rec_id, ${LABEL} as label, t.sent_at as at,
        ${secs(c.engine, ref('t.sent_at'), ref('t.answered_at'))} as measure, cast(null as integer) as hit, i.id as incident_id, i.code as incident_code
        ${FROM} where t.sent_at >= ${c.from} and t.sent_at < ${c.to} and t.status = 'accepted' and t.answered_at is not null`,
  },
  {
    id: 'transfers.declined',
    source: 'transfers',
    name: { zh: '移交拒收率', en: 'Transfers declined' },
    formula: { zh: '拒收的移交 ÷ 已答复或已超时的移交 × 100%', en: 'transfers declined ÷ transfers answered or lapsed × 100%' },
    unit: 'percent',
    direction: 'lower_better',
    target: 10,
    component: 'collaborative_process',
    aggregate: 'rate',
    kind: 'transfer',
    rows: (c) =>
      sql<IndicatorRow>`select t.to_agency_id as agency_id, t.id as rec_id, ${LABEL} as label, t.sent_at as at, cast(null as double precision) as measure,
        case when t.status = 'declined' then 1 else 0 end as hit, i.id as incident_id, i.code as incident_code
        ${FROM} where t.sent_at >= ${c.from} and t.sent_at < ${c.to} and t.status <> 'pending'`,
  },
  {
    id: 'transfers.timed_out',
    source: 'transfers',
    name: { zh: '移交超时率', en: 'Transfers lapsed' },
    formula: { zh: '未在答复时限内答复的移交 ÷ 已答复或已超时的移交 × 100%', en: 'transfers not answered within the reply limit ÷ transfers answered or lapsed × 100%' },
    unit: 'percent',
    direction: 'lower_better',
    target: 5,
    component: 'collaborative_process',
    aggregate: 'rate',
    kind: 'transfer',
    rows: (c) =>
      sql<IndicatorRow>`select t.to_agency_id as agency_id, t.id as rec_id, ${LABEL} as label, t.sent_at as at, cast(null as double precision) as measure,
        case when t.status = 'timed_out' then 1 else 0 end as hit, i.id as incident_id, i.code as incident_code
        ${FROM} where t.sent_at >= ${c.from} and t.sent_at < ${c.to} and t.status <> 'pending'`,
  },
];
