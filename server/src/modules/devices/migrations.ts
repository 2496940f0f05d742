import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/** Technical defence, part 1: the device registry, health, outages, accepted events, refusal counts. */
export function devicesSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_agency_id', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('line_id', 'text')
        .addColumn('from_m', 'double precision')
        .addColumn('to_m', 'double precision')
        .addColumn('from_mileage', 'text')
        .addColumn('to_mileage', 'text')
        .addColumn('fov', 'text')
        .addColumn('stream_url', 'text')
        .addColumn('snapshot_url', 'text')
        .addColumn('nvr_camera', 'text')
        .addColumn('heartbeat_s', 'integer')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('devices_line').on('devices').columns(['line_id', 'from_m']).execute();
      await db.schema.createIndex('devices_point').on('devices').columns(['lon', 'lat']).execute();
      await db.schema.createIndex('devices_nvr').on('devices').column('nvr_camera').execute();
      await db.schema
        .createTable('device_agencies')
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_agencies_pk', ['device_id', 'agency_id', 'relation'])
        .execute();
      await db.schema.createIndex('device_agencies_agency').on('device_agencies').columns(['agency_id', 'device_id']).execute();
      await db.schema
        .createTable('device_health')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('due_at', 'text')
        .addColumn('offline_reason', 'text')
        .addColumn('offline_since', 'text')
        .addColumn('repair_task_id', 'text')
        .execute();
      await db.schema.createIndex('device_health_seen').on('device_health').columns(['status', 'due_at']).execute();
      await db.schema
        .createTable('device_outages')
        .addColumn('id', serial, key)
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('from_at', 'text', (c) => c.notNull())
        .addColumn('to_at', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('device_outages_device').on('device_outages').columns(['device_id', 'from_at']).execute();
      await db.schema
        .createTable('device_events')
        .addColumn('id', serial, key)
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('dedupe', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('position_m', 'double precision')
        .addColumn('confidence', 'double precision')
        .addColumn('clear', 'integer', (c) => c.notNull())
        .addColumn('data', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('alarm_id', 'text')
        .addUniqueConstraint('device_events_once', ['device_id', 'dedupe'])
        .execute();
      await db.schema.createIndex('device_events_at').on('device_events').column('at').execute();
      await db.schema
        .createTable('device_refusals')
        .addColumn('reason', 'text', (c) => c.primaryKey())
        .addColumn('count', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
