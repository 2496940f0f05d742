import type { Kysely, Migration } from 'kysely';

/** Technical defence, part 3: maintenance windows, with who has jurisdiction along each. */
export function maintenanceSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('maintenance_windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('from_mileage', 'text', (c) => c.notNull())
        .addColumn('to_mileage', 'text', (c) => c.notNull())
        .addColumn('from_m', 'double precision', (c) => c.notNull())
        .addColumn('to_m', 'double precision', (c) => c.notNull())
        .addColumn('start_at', 'text', (c) => c.notNull())
        .addColumn('end_at', 'text', (c) => c.notNull())
        .addColumn('crew', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('declarer_agency_id', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('cancel_reason', 'text')
        .execute();
      await db.schema.createIndex('maintenance_windows_time').on('maintenance_windows').columns(['end_at', 'start_at']).execute();
      await db.schema
        .createTable('maintenance_window_agencies')
        .addColumn('window_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('maintenance_window_agencies_pk', ['window_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('maintenance_window_agencies_agency').on('maintenance_window_agencies').column('agency_id').execute();
    },
  };
}
