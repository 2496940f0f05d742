import type { Kysely, Migration } from 'kysely';

/** Stop and speed-restriction requests (停车/限速请求), each beside the task order that carries it. */
export function trainRequestsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('train_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('trains', 'text', (c) => c.notNull())
        .addColumn('speed_kmh', 'integer')
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('mileage', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('train_requests_incident').on('train_requests').columns(['incident_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('train_requests').execute();
    },
  };
}
