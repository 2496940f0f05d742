import type { Kysely, Migration } from 'kysely';

/**
 * Background what-if runs (issue 13) kept where every instance reads them: the instance running one
 * writes its status, any instance answers its page and marks a cancel request for the runner.
 */
export function whatIfRunsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('what_if_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('cancel_requested_at', 'text')
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('what_if_runs_updated').on('what_if_runs').columns(['updated_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('what_if_runs').execute();
    },
  };
}
