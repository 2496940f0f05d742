import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** The outbox for events after commit, and incidents with their agencies and timeline. */
export function incidentsSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', serial, key)
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_unpublished').on('outbox').columns(['published_at', 'id']).execute();

      await db.schema
        .createTable('counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('reporter', 'text')
        .addColumn('external_ref', 'text')
        .addColumn('location_input', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision')
        .addColumn('lat', 'double precision')
        .addColumn('line_id', 'text')
        .addColumn('metres', 'double precision')
        .addColumn('mileage', 'text')
        .addColumn('section_id', 'text')
        .addColumn('station_id', 'text')
        .addColumn('train', 'text')
        .addColumn('place_kind', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('lead_agency_id', 'text')
        .addColumn('time_limit_s', 'integer', (c) => c.notNull())
        .addColumn('duplicate_of', 'text')
        .addColumn('merged_into', 'text')
        .addColumn('outcome_code', 'text')
        .addColumn('summary', 'text')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', 'text')
        .addColumn('en_route_at', 'text')
        .addColumn('on_scene_at', 'text')
        .addColumn('cleared_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_ext').on('incidents').columns(['channel', 'external_ref']).unique().execute();
      await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'received_at']).execute();
      await db.schema.createIndex('incidents_line').on('incidents').columns(['line_id', 'metres']).execute();

      // Who may see an incident is decided by these rows, in the query itself.
      await db.schema
        .createTable('incident_agencies')
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_agencies_pk', ['incident_id', 'agency_id', 'role'])
        .execute();
      await db.schema.createIndex('incident_agencies_agency').on('incident_agencies').columns(['agency_id', 'incident_id']).execute();

      await db.schema
        .createTable('incident_timeline')
        .addColumn('id', serial, key)
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_agency_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('client', 'text')
        .execute();
      await db.schema.createIndex('incident_timeline_incident').on('incident_timeline').columns(['incident_id', 'id']).execute();
    },
  };
}
