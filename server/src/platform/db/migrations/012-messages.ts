import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** Messages between the agencies on an incident (and its joint command), with attachments. */
export function messagesSchema(engine: Engine): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('from_agency_id', 'text', (c) => c.notNull())
        .addColumn('from_user', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('messages_incident').on('messages').columns(['incident_id', 'created_at']).execute();
      await db.schema
        .createTable('message_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('message_attachments_message').on('message_attachments').columns(['message_id']).execute();
    },
  };
}
