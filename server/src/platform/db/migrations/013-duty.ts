import type { Kysely, Migration } from 'kysely';

/** Coordination centres' seats, duty rosters (who sits where, when) and the shift log (交接班). */
export function dutySchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('centre_seats')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('centre_agency_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('duty_shifts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seat_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('duty_shifts_seat').on('duty_shifts').columns(['seat_id', 'starts_at']).execute();
      await db.schema
        .createTable('shift_logs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('centre_agency_id', 'text', (c) => c.notNull())
        .addColumn('seat_id', 'text', (c) => c.notNull())
        .addColumn('from_user', 'text', (c) => c.notNull())
        .addColumn('to_user', 'text', (c) => c.notNull())
        .addColumn('handed_at', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .execute();
      await db.schema.createIndex('shift_logs_centre').on('shift_logs').columns(['centre_agency_id', 'handed_at']).execute();
    },
  };
}
