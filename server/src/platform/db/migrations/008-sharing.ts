import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../database.js';

/** Bulletins with their recipients, reads and attachments; data-sharing agreements between agencies. */
export function sharingSchema(engine: Engine): Migration {
  const serial = engine === 'postgres' ? 'serial' : 'integer';
  const key = (b: any) => (engine === 'sqlite' ? b.primaryKey().autoIncrement() : b.primaryKey());
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('bulletins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('instruction', 'text')
        .addColumn('classification', 'text', (c) => c.notNull())
        // the classification as a number, so "up to restricted" is a comparison in SQL
        .addColumn('class_rank', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sender_agency_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('urgency', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('certainty', 'text', (c) => c.notNull())
        .addColumn('distribution', 'text', (c) => c.notNull())
        // comma-wrapped role list (",commander,officer,") or '' for every role
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('cap_sender', 'text')
        .addColumn('cap_identifier', 'text')
        .addColumn('cap_sent', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bulletins_cap').on('bulletins').columns(['cap_sender', 'cap_identifier']).unique().execute();
      await db.schema.createIndex('bulletins_sender').on('bulletins').columns(['sender_agency_id', 'created_at']).execute();

      await db.schema
        .createTable('bulletin_recipients')
        .addColumn('bulletin_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('reminded_at', 'text')
        .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('bulletin_recipients_pk', ['bulletin_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('bulletin_recipients_agency').on('bulletin_recipients').columns(['agency_id', 'bulletin_id']).execute();

      await db.schema
        .createTable('bulletin_reads')
        .addColumn('id', serial, key)
        .addColumn('bulletin_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('what', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bulletin_reads_bulletin').on('bulletin_reads').columns(['bulletin_id', 'agency_id']).execute();

      await db.schema
        .createTable('bulletin_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('bulletin_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('bulletin_attachments_bulletin').on('bulletin_attachments').columns(['bulletin_id']).execute();

      await db.schema
        .createTable('sharing_agreements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_agency_id', 'text', (c) => c.notNull())
        .addColumn('to_agency_id', 'text', (c) => c.notNull())
        // comma-wrapped (",bulletin,attachment,") so a LIKE finds a kind
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('max_rank', 'integer', (c) => c.notNull())
        .addColumn('valid_from', 'text')
        .addColumn('valid_until', 'text')
        .addColumn('note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sharing_agreements_pair').on('sharing_agreements').columns(['from_agency_id', 'to_agency_id']).execute();
    },
  };
}
