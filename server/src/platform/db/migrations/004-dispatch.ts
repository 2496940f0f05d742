import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** Units with their positions, assignments of units to incidents, and transfers between agencies. */
export function dispatchSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('callsign', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('capabilities', 'text', (c) => c.notNull())
        .addColumn('crew', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision')
        .addColumn('lat', 'double precision')
        .addColumn('position_at', 'text')
        .addColumn('train', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('units_agency').on('units').column('agency_id').execute();

      await db.schema
        .createTable('unit_positions')
        .addColumn('id', serial, key)
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('unit_positions_unit').on('unit_positions').columns(['unit_id', 'id']).execute();

      await db.schema
        .createTable('assignments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('eta_s', 'integer')
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addColumn('ack_deadline', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('escalated_at', 'text')
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('assignments_incident').on('assignments').column('incident_id').execute();
      await db.schema.createIndex('assignments_open').on('assignments').columns(['status', 'ack_deadline']).execute();

      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('from_agency_id', 'text')
        .addColumn('to_agency_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('answered_by', 'text')
        .addColumn('answer_reason', 'text')
        .execute();
      await db.schema.createIndex('transfers_pending').on('transfers').columns(['status', 'deadline']).execute();
      await db.schema.createIndex('transfers_incident').on('transfers').column('incident_id').execute();
    },
  };
}
