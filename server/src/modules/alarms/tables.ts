import type { Generated } from 'kysely';

/** Alarms, their groups along the line, every activation (for the ISA-18.2 figures), floods and rules. */
export interface AlarmTables {
  alarms: AlarmsTable;
  alarm_activations: AlarmActivationsTable;
  alarm_groups: AlarmGroupsTable;
  alarm_floods: AlarmFloodsTable;
  alarm_rules: AlarmRulesTable;
}

export interface AlarmsTable {
  id: string;
  device_id: string;
  condition: string;
  state: 'active' | 'cleared';
  acknowledged: number;
  ack_by: string | null;
  ack_at: string | null;
  shelved_until: string | null;
  shelve_reason: string | null;
  shelved_by: string | null;
  count: number;
  activations: number;
  /** JSON array of the latest activation instants (ms), for chattering */
  recent: string;
  first_at: string;
  last_at: string;
  cleared_at: string | null;
  line_id: string | null;
  measure_m: number | null;
  group_id: string | null;
  chattering: number;
  suppressed: number;
  /** JSON AlarmAnnotation[] */
  annotations: string;
  false_by: string | null;
  false_at: string | null;
  false_reason: string | null;
  /** when an alarm.updated event last went out (repeats are throttled) */
  notified_at: string | null;
  version: number;
}

export interface AlarmActivationsTable {
  id: Generated<number>;
  alarm_id: string;
  device_id: string;
  at: string;
}

export interface AlarmGroupsTable {
  id: string;
  line_id: string | null;
  from_m: number | null;
  to_m: number | null;
  first_at: string;
  last_at: string;
  confirmed: number;
  annotations: string;
  /** JSON {action, ruleId, reason} or null before any rule matched */
  decision: string | null;
  incident_id: string | null;
  /** 'pending' from the moment a rule asks for an incident until it exists */
  incident_state: string | null;
  created_at: string;
}

export interface AlarmFloodsTable {
  id: Generated<number>;
  /** the agency whose console is flooded */
  console_id: string;
  started_at: string;
  ended_at: string | null;
}

export interface AlarmRulesTable {
  id: string;
  position: number;
  /** JSON AlarmRule */
  body: string;
  updated_by: string;
  updated_at: string;
}
