import type { Kysely, Migration } from 'kysely';

/** Defensible-space assessments (issue 12). */
export function defensibleSpaceSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('space_templates')
        .addColumn('site_type', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('space_sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_type', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('mileage', 'text', (c) => c.notNull())
        .addColumn('measure_m', 'double precision', (c) => c.notNull())
        .addColumn('section_id', 'text')
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('space_sites_line').on('space_sites').columns(['line_id', 'measure_m']).execute();
      await db.schema
        .createTable('space_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull().references('space_sites.id'))
        .addColumn('template_version', 'integer', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('aspects', 'text', (c) => c.notNull())
        .addColumn('total', 'double precision', (c) => c.notNull())
        .addColumn('weakest', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'text', (c) => c.notNull())
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('space_assessments_site').on('space_assessments').columns(['site_id', 'assessed_at']).execute();
      await db.schema
        .createTable('space_plan_items')
        .addColumn('task_id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull().references('space_sites.id'))
        .addColumn('countermeasure_id', 'text', (c) => c.notNull())
        .addColumn('aspect', 'text', (c) => c.notNull())
        .addColumn('campaign', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('space_plan_items_site').on('space_plan_items').columns(['site_id']).execute();
    },
  };
}

/** Evidence photos per assessment item (issue 12), added after the assessments themselves. */
export function spacePhotosSchema(engine: 'sqlite' | 'postgres'): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('space_assessment_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('assessment_id', 'text', (c) => c.notNull().references('space_assessments.id'))
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('space_assessment_photos_assessment').on('space_assessment_photos').column('assessment_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('space_assessment_photos').execute();
    },
  };
}
