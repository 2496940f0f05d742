import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** The imported GTFS timetable: one feed at a time (an import replaces it), stops matched to stations. */
export function timetableSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('timetable_feeds')
        .addColumn('id', serial, key)
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text')
        .addColumn('agency_timezone', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('timetable_stops')
        .addColumn('stop_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('station_id', 'text')
        .execute();

      await db.schema
        .createTable('timetable_trips')
        .addColumn('trip_id', 'text', (c) => c.primaryKey())
        .addColumn('train_no', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('route_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('timetable_trips_train').on('timetable_trips').column('train_no').execute();

      await db.schema
        .createTable('timetable_stop_times')
        .addColumn('trip_id', 'text', (c) => c.notNull())
        .addColumn('stop_sequence', 'integer', (c) => c.notNull())
        .addColumn('stop_id', 'text', (c) => c.notNull())
        .addColumn('arrival_s', 'integer', (c) => c.notNull())
        .addColumn('departure_s', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('timetable_stop_times_pk', ['trip_id', 'stop_sequence'])
        .execute();

      await db.schema
        .createTable('timetable_calendar')
        .addColumn('service_id', 'text', (c) => c.primaryKey())
        // seven 0/1 flags, Monday first, as calendar.txt
        .addColumn('days', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('timetable_calendar_dates')
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('exception_type', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('timetable_calendar_dates_pk', ['service_id', 'date'])
        .execute();
    },
  };
}
