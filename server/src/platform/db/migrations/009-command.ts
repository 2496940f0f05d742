import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** Response levels on incidents, joint commands with their members and action plans, task orders. */
export function commandSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('incidents').addColumn('response_level', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('level_state', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('injured', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('incidents').addColumn('dead', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('incidents').addColumn('line_blocked_at', 'text').execute();

      await db.schema
        .createTable('commands')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('command_members')
        .addColumn('command_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addPrimaryKeyConstraint('command_members_pk', ['command_id', 'agency_id'])
        .execute();
      await db.schema
        .createTable('command_plans')
        .addColumn('command_id', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('objectives', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('command_plans_pk', ['command_id', 'period'])
        .execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('command_id', 'text')
        .addColumn('incident_id', 'text')
        .addColumn('campaign', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('to_agency_id', 'text', (c) => c.notNull())
        .addColumn('to_unit_id', 'text')
        .addColumn('from_agency_id', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('overdue_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tasks_to').on('tasks').columns(['to_agency_id', 'status']).execute();
      await db.schema.createIndex('tasks_command').on('tasks').columns(['command_id']).execute();
      await db.schema
        .createTable('task_updates')
        .addColumn('id', serial, key)
        .addColumn('task_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('task_updates_task').on('task_updates').columns(['task_id', 'id']).execute();
    },
  };
}
