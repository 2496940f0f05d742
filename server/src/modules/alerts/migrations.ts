import type { Kysely, Migration } from 'kysely';

/** The alert centre (issue 9): alerts, the agencies each is addressed to, and the outbox cursor. */
export function alertsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('about_kind', 'text', (c) => c.notNull())
        .addColumn('about_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('facts', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('alerts_event_kind', ['event_id', 'kind'])
        .execute();
      await db.schema.createIndex('alerts_about').on('alerts').columns(['about_kind', 'about_id', 'kind']).execute();
      await db.schema
        .createTable('alert_recipients')
        .addColumn('alert_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_by_name', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addPrimaryKeyConstraint('alert_recipients_pk', ['alert_id', 'agency_id'])
        .execute();
      await db.schema.createIndex('alert_recipients_agency').on('alert_recipients').columns(['agency_id', 'acknowledged_at', 'resolved_at']).execute();
      await db.schema
        .createTable('alert_cursor')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
