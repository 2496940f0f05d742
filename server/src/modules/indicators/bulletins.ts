import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { ref, secs } from './sql.js';

/**
 * Bulletins (通报), attributed to each receiving agency. Withdrawn ones still count: the agency
 * was asked to acknowledge them while they stood.
 */
const FROM = sql`from bulletin_recipients r join bulletins b on b.id = r.bulletin_id`;
// restricted and secret titles stay in the bulletin, read under its own rule (secret: commanders only)
const LABEL = sql`case when b.class_rank <= 1 then b.code || ' ' || b.title else b.code end`;

export const BULLETINS: Indicator[] = [
  {
    id: 'bulletins.ack_rate',
    source: 'bulletins',
    name: { zh: '通报签收率', en: 'Bulletins acknowledged' },
    formula: { zh: '已签收的通报 ÷ 本期收到的通报 × 100%', en: 'bulletins acknowledged ÷ bulletins received in the period × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 95,
    component: 'collaborative_process',
    aggregate: 'rate',
    kind: 'bulletin',
    rows: (c) =>
      sql<IndicatorRow>`select r.agency_id as agency_id, b.id as rec_id, ${LABEL} as label, b.created_at as at,
        case when r.acknowledged_at is null then null else ${secs(c.engine, ref('b.created_at'), ref('r.acknowledged_at'))} / 60 end as measure,
        case when r.acknowledged_at is not null then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        ${FROM} where b.created_at >= ${c.from} and b.created_at < ${c.to} and r.agency_id <> b.sender_agency_id`,
  },
  {
    id: 'bulletins.ack_time',
    source: 'bulletins',
    name: { zh: '通报签收用时', en: 'Time to acknowledge a bulletin' },
    formula: { zh: '通报发布至签收的平均分钟数（本期收到并已签收的通报）', en: 'mean minutes from a bulletin published to its acknowledgement (bulletins received in the period and acknowledged)' },
    unit: 'minutes',
    direction: 'lower_better',
    target: 30,
    component: 'collaborative_process',
    aggregate: 'mean',
    kind: 'bulletin',
    rows: (c) =>
      sql<IndicatorRow>`select r.agency_id as agency_id, b.id as rec_id, ${LABEL} as label, b.created_at as at,
        ${secs(c.engine, ref('b.created_at'), ref('r.acknowledged_at'))} / 60 as measure, cast(null as integer) as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        ${FROM} where b.created_at >= ${c.from} and b.created_at < ${c.to} and r.agency_id <> b.sender_agency_id and r.acknowledged_at is not null`,
  },
];
