import type { Kysely, Migration } from 'kysely';

/** Bureau and departments (issue 15): other nodes, their agencies, what arrived from them and the import's memory. */
export function federationSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('federation_nodes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('configured', 'integer', (c) => c.notNull())
        .addColumn('last_message_at', 'text')
        .addColumn('last_message_type', 'text')
        .addColumn('messages', 'bigint', (c) => c.notNull())
        .addColumn('link_state', 'text', (c) => c.notNull())
        .addColumn('link_lag', 'bigint')
        .addColumn('link_active_ms', 'bigint')
        .addColumn('link_error', 'text')
        .addColumn('link_since', 'text')
        .addColumn('link_checked_at', 'text')
        .execute();
      await db.schema
        .createTable('federation_agencies')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('federation_agencies_pk', ['node', 'agency_id'])
        .execute();
      await db.schema
        .createTable('federation_inbox')
        .addColumn('msg_id', 'text', (c) => c.primaryKey())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('federation_inbox_received').on('federation_inbox').column('received_at').execute();
      await db.schema
        .createTable('federation_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('federation_incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('category_name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('response_level', 'text')
        .addColumn('line_id', 'text')
        .addColumn('line_name', 'text')
        .addColumn('mileage', 'text')
        .addColumn('station_name', 'text')
        .addColumn('lon', 'double precision')
        .addColumn('lat', 'double precision')
        .addColumn('lead_agency_id', 'text')
        .addColumn('lead_agency_name', 'text')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', 'text')
        .addColumn('on_scene_at', 'text')
        .addColumn('cleared_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('federation_incidents_node').on('federation_incidents').columns(['node', 'received_at']).execute();
      await db.schema
        .createTable('federation_bulletins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('classification', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sender_agency_id', 'text', (c) => c.notNull())
        .addColumn('sender_agency_name', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('federation_bulletins_local').on('federation_bulletins').column('local_id').execute();
      await db.schema.createIndex('federation_bulletins_origin').on('federation_bulletins').columns(['origin', 'created_at']).execute();
      await db.schema
        .createTable('federation_receipts')
        .addColumn('bulletin_id', 'text', (c) => c.notNull())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('agency_name', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by_name', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('federation_receipts_pk', ['bulletin_id', 'node', 'agency_id'])
        .execute();
      await db.schema
        .createTable('federation_indicators')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('dims', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('federation_indicators_pk', ['node', 'day', 'name', 'dims'])
        .execute();
    },
  };
}
