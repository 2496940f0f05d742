import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/** Hazards under the dual section chief system (issue 12): section chiefs, hazards and their photos. */
export function hazardsSchema(engine: Engine): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('section_chiefs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('from_mileage', 'text', (c) => c.notNull())
        .addColumn('to_mileage', 'text', (c) => c.notNull())
        .addColumn('from_m', 'double precision', (c) => c.notNull())
        .addColumn('to_m', 'double precision', (c) => c.notNull())
        .addColumn('railway_agency_id', 'text', (c) => c.notNull())
        .addColumn('railway_chief', 'text', (c) => c.notNull())
        .addColumn('railway_phone', 'text')
        .addColumn('local_agency_id', 'text', (c) => c.notNull())
        .addColumn('local_chief', 'text', (c) => c.notNull())
        .addColumn('local_phone', 'text')
        .addColumn('note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('section_chiefs_line').on('section_chiefs').columns(['line_id', 'from_m']).execute();
      await db.schema
        .createTable('hazards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('mileage', 'text', (c) => c.notNull())
        .addColumn('measure_m', 'double precision', (c) => c.notNull())
        .addColumn('section_id', 'text')
        .addColumn('place_kind', 'text', (c) => c.notNull())
        .addColumn('zone', 'text')
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('source_ref', 'text')
        .addColumn('finder_agency_id', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('assignment_id', 'text', (c) => c.notNull())
        .addColumn('railway_agency_id', 'text', (c) => c.notNull())
        .addColumn('railway_chief', 'text', (c) => c.notNull())
        .addColumn('local_agency_id', 'text', (c) => c.notNull())
        .addColumn('local_chief', 'text', (c) => c.notNull())
        .addColumn('township_id', 'text')
        .addColumn('county_id', 'text')
        .addColumn('deadline_at', 'text', (c) => c.notNull())
        .addColumn('escalated_at', 'text')
        .addColumn('assigned_at', 'text')
        .addColumn('rectifying_at', 'text')
        .addColumn('rectified_at', 'text')
        .addColumn('verified_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('rejected_at', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('rectification_note', 'text')
        .addColumn('verification_note', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // one hazard per finding (or report, or alarm): NULLs (inspections) are distinct on both engines
      await db.schema.createIndex('hazards_source').on('hazards').columns(['source_kind', 'source_ref']).unique().execute();
      await db.schema.createIndex('hazards_due').on('hazards').columns(['status', 'deadline_at']).execute();
      for (const c of ['railway_agency_id', 'local_agency_id', 'county_id', 'finder_agency_id', 'township_id'] as const) {
        await db.schema.createIndex(`hazards_${c}`).on('hazards').column(c).execute();
      }
      await db.schema
        .createTable('hazard_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hazard_id', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hazard_photos_hazard').on('hazard_photos').column('hazard_id').execute();
    },
  };
}
