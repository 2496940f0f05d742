import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';
import { earlier, later, ref, secs, text } from './sql.js';

/** Technical defence (技防), attributed to the agency owning the device. */
export const DEVICES: Indicator[] = [
  {
    id: 'devices.availability',
    source: 'devices',
    name: { zh: '设备在线率', en: 'Device availability' },
    formula: { zh: '各设备本期在线时长占比的平均值 × 100%（离线以离线记录计）', en: 'mean over devices of the share of the period each was not in an outage × 100%' },
    unit: 'percent',
    direction: 'higher_better',
    target: 98,
    component: 'starting_conditions',
    aggregate: 'mean',
    kind: 'device',
    rows: (c) => {
      const start = later(c.engine, ref('d.created_at'), text(c.from));
      const span = secs(c.engine, start, text(c.asOf));
      const down = sql`coalesce((select sum(${secs(c.engine, later(c.engine, ref('o.from_at'), start), earlier(c.engine, sql`coalesce(o.to_at, ${c.asOf})`, text(c.asOf)))})
        from device_outages o where o.device_id = d.id and o.from_at < ${c.asOf} and (o.to_at is null or o.to_at > ${start})), 0)`;
      return sql<IndicatorRow>`select d.owner_agency_id as agency_id, d.id as rec_id, d.name as label, ${start} as at,
        100.0 * (1 - ${down} / ${span}) as measure, cast(null as integer) as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        from devices d where d.enabled = 1 and d.created_at < ${c.asOf} and ${span} > 0`;
    },
  },
  {
    id: 'devices.false_alarms',
    source: 'devices',
    name: { zh: '误报率', en: 'False alarms' },
    formula: { zh: '判为误报的报警 ÷ 本期报警 × 100%', en: 'alarms marked false ÷ alarms raised in the period × 100%' },
    unit: 'percent',
    direction: 'lower_better',
    target: 10,
    component: 'starting_conditions',
    aggregate: 'rate',
    kind: 'alarm',
    rows: (c) =>
      sql<IndicatorRow>`select d.owner_agency_id as agency_id, a.id as rec_id, d.name || ' ' || a.condition as label, a.first_at as at, cast(null as double precision) as measure,
        case when a.false_at is not null then 1 else 0 end as hit, cast(null as text) as incident_id, cast(null as text) as incident_code
        from alarms a join devices d on d.id = a.device_id where a.first_at >= ${c.from} and a.first_at < ${c.to}`,
  },
];
