import type { Kysely, Migration } from 'kysely';

/**
 * The caller's contact is sealed (SM4) from now on; a keyed hash of the phone number lets a
 * dispatcher ask "has this caller called before?" without the number being readable in the database.
 */
export function reporterKeySchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('incidents').addColumn('reporter_phone_key', 'text').execute();
      await db.schema.createIndex('incidents_reporter_phone_key').on('incidents').column('reporter_phone_key').execute();
    },
  };
}

/**
 * Likely duplicates are looked for among open incidents of the category near the new one: within a
 * box around the point or a stretch of the same line. Both are ranges an index can answer, led by
 * the category, so a line with thousands of incidents costs a few index entries, not a table scan.
 */
export function nearbyIncidentsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.createIndex('incidents_category_lat').on('incidents').columns(['category_id', 'lat']).execute();
      await db.schema.createIndex('incidents_category_line').on('incidents').columns(['category_id', 'line_id', 'metres']).execute();
    },
  };
}
