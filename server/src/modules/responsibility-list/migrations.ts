import type { Kysely, Migration } from 'kysely';

/** The power-and-responsibility list's versions and the legal basis the centre wrote per category (issue 14). */
export function responsibilityListSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('responsibility_list_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('draft_slot', 'text', (c) => c.unique())
        .addColumn('note', 'text')
        .addColumn('rows', 'text', (c) => c.notNull())
        .addColumn('agencies', 'text', (c) => c.notNull())
        .addColumn('drafted_by', 'text', (c) => c.notNull())
        .addColumn('drafted_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .execute();
      await db.schema
        .createTable('responsibility_legal_basis')
        .addColumn('category_id', 'text', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
