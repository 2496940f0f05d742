import { sql } from 'kysely';
import type { Indicator, IndicatorRow } from './source.js';

/** Joint commands (联合指挥), attributed to every agency that sat in one (once per command). */
export const COMMANDS: Indicator[] = [
  {
    id: 'commands.joined',
    source: 'commands',
    name: { zh: '参与联合指挥次数', en: 'Joint commands joined' },
    formula: { zh: '本期开设且本单位为成员的联合指挥部数', en: 'joint commands opened in the period with the agency among their members' },
    unit: 'count',
    direction: 'higher_better',
    target: 1,
    component: 'facilitative_leadership',
    aggregate: 'sum',
    kind: 'command',
    rows: (c) =>
      sql<IndicatorRow>`select m.agency_id as agency_id, cm.id as rec_id, i.code || ' ' || cm.name as label, cm.opened_at as at, 1 as measure, cast(null as integer) as hit,
        i.id as incident_id, i.code as incident_code
        from (select distinct command_id, agency_id from command_members) m join commands cm on cm.id = m.command_id join incidents i on i.id = cm.incident_id
        where cm.opened_at >= ${c.from} and cm.opened_at < ${c.to}`,
  },
];
