import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';
import { DEFAULT_RULES } from './default-rules.js';

/** Technical defence, part 2: alarms, activations, groups, floods, and the rules as data (with defaults). */
export function alarmsSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('alarms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('condition', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('acknowledged', 'integer', (c) => c.notNull())
        .addColumn('ack_by', 'text')
        .addColumn('ack_at', 'text')
        .addColumn('shelved_until', 'text')
        .addColumn('shelve_reason', 'text')
        .addColumn('shelved_by', 'text')
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('activations', 'integer', (c) => c.notNull())
        .addColumn('recent', 'text', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('cleared_at', 'text')
        .addColumn('line_id', 'text')
        .addColumn('measure_m', 'double precision')
        .addColumn('group_id', 'text')
        .addColumn('chattering', 'integer', (c) => c.notNull())
        .addColumn('suppressed', 'integer', (c) => c.notNull())
        .addColumn('annotations', 'text', (c) => c.notNull())
        .addColumn('false_by', 'text')
        .addColumn('false_at', 'text')
        .addColumn('false_reason', 'text')
        .addColumn('notified_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alarms_device').on('alarms').columns(['device_id', 'condition']).execute();
      await db.schema.createIndex('alarms_state').on('alarms').columns(['state', 'last_at']).execute();
      await db.schema.createIndex('alarms_group').on('alarms').column('group_id').execute();
      await db.schema
        .createTable('alarm_activations')
        .addColumn('id', serial, key)
        .addColumn('alarm_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alarm_activations_at').on('alarm_activations').columns(['at', 'device_id']).execute();
      await db.schema
        .createTable('alarm_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text')
        .addColumn('from_m', 'double precision')
        .addColumn('to_m', 'double precision')
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addColumn('confirmed', 'integer', (c) => c.notNull())
        .addColumn('annotations', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('incident_id', 'text')
        .addColumn('incident_state', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alarm_groups_line').on('alarm_groups').columns(['line_id', 'last_at']).execute();
      await db.schema.createIndex('alarm_groups_pending').on('alarm_groups').column('incident_state').execute();
      await db.schema
        .createTable('alarm_floods')
        .addColumn('id', serial, key)
        .addColumn('console_id', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('alarm_floods_console').on('alarm_floods').columns(['console_id', 'started_at']).execute();
      await db.schema
        .createTable('alarm_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      const at = new Date().toISOString();
      await db.insertInto('alarm_rules').values(DEFAULT_RULES.map((r, i) => ({ id: r.id, position: i, body: JSON.stringify(r), updated_by: 'system', updated_at: at }))).execute();
    },
  };
}
