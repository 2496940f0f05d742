import type { Kysely, Migration } from 'kysely';

/** Joint meetings and their decisions (issue 14). */
export function governanceSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('convener_agency_id', 'text', (c) => c.notNull())
        .addColumn('agenda', 'text', (c) => c.notNull())
        .addColumn('minutes', 'text')
        .addColumn('held_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meeting_agencies')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('attended', 'integer')
        .addColumn('representative', 'text')
        .addPrimaryKeyConstraint('meeting_agencies_pk', ['meeting_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('meeting_agencies_agency').on('meeting_agencies').columns(['agency_id']).execute();
      await db.schema
        .createTable('meeting_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('owner_agency_id', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meeting_decisions_owner').on('meeting_decisions').columns(['owner_agency_id']).execute();
    },
  };
}

/** A meeting's documents (issue 14), added after the meetings themselves. */
export function meetingDocumentsSchema(engine: 'sqlite' | 'postgres'): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('meeting_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meeting_documents_meeting').on('meeting_documents').column('meeting_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('meeting_documents').execute();
    },
  };
}
