import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../../platform/db/database.js';

/** Civil defence (issue 10): teams and members, checkpoints, plans and duties, patrols, findings, alerts, points. */
export function patrolsSchema(engine: Engine): Migration {
  const blob = engine === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('patrol_teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('patrol_teams_agency').on('patrol_teams').column('agency_id').execute();
      await db.schema
        .createTable('patrol_members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('skills', 'text', (c) => c.notNull())
        .addColumn('certificates', 'text', (c) => c.notNull())
        .addColumn('availability', 'text', (c) => c.notNull())
        .addColumn('availability_note', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('patrol_members_team').on('patrol_members').column('team_id').execute();
      await db.schema.createIndex('patrol_members_username').on('patrol_members').column('username').execute();
      await db.schema
        .createTable('personal_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('checkpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('line_id', 'text')
        .addColumn('mileage', 'text')
        .addColumn('measure_m', 'double precision')
        .addColumn('section_id', 'text')
        .addColumn('station_id', 'text')
        .addColumn('radius_m', 'integer', (c) => c.notNull())
        .addColumn('nfc_tag_id', 'text', (c) => c.unique())
        .addColumn('code_version', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('checkpoints_agency').on('checkpoints').column('agency_id').execute();
      await db.schema.createIndex('checkpoints_section').on('checkpoints').column('section_id').execute();
      await db.schema
        .createTable('patrol_plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stretch', 'text')
        .addColumn('checkpoint_ids', 'text', (c) => c.notNull())
        .addColumn('days', 'text', (c) => c.notNull())
        .addColumn('windows', 'text', (c) => c.notNull())
        .addColumn('rounds', 'integer', (c) => c.notNull())
        .addColumn('check_every_h', 'integer')
        .addColumn('team_ids', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('joint', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('patrol_plan_teams')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('patrol_plan_teams_pk', ['plan_id', 'team_id'])
        .execute();
      await db.schema.createIndex('patrol_plan_teams_team').on('patrol_plan_teams').column('team_id').execute();
      await db.schema.createIndex('patrol_plan_teams_agency').on('patrol_plan_teams').column('agency_id').execute();
      await db.schema
        .createTable('patrol_plan_checkpoints')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('checkpoint_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('patrol_plan_checkpoints_pk', ['plan_id', 'checkpoint_id'])
        .execute();
      await db.schema.createIndex('patrol_plan_checkpoints_cp').on('patrol_plan_checkpoints').column('checkpoint_id').execute();
      await db.schema
        .createTable('patrol_duties')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('slot_start', 'text', (c) => c.notNull())
        .addColumn('slot_end', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('checkpoint_ids', 'text', (c) => c.notNull())
        .addColumn('team_ids', 'text', (c) => c.notNull())
        .addColumn('joint', 'integer', (c) => c.notNull())
        .addColumn('settled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('patrol_duties_date').on('patrol_duties').columns(['date', 'plan_id']).execute();
      await db.schema.createIndex('patrol_duties_unsettled').on('patrol_duties').columns(['settled_at', 'slot_end']).execute();
      await db.schema
        .createTable('patrols')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('duty_id', 'text')
        .addColumn('plan_id', 'text')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('member_ids', 'text', (c) => c.notNull())
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('client_started_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('client_finished_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('finish_reason', 'text')
        .addColumn('last_lon', 'double precision')
        .addColumn('last_lat', 'double precision')
        .addColumn('last_at', 'text')
        .addColumn('moved_lon', 'double precision')
        .addColumn('moved_lat', 'double precision')
        .addColumn('moved_at', 'text', (c) => c.notNull())
        .addColumn('welfare_alerted_at', 'text')
        .execute();
      await db.schema.createIndex('patrols_team').on('patrols').columns(['team_id', 'started_at']).execute();
      await db.schema.createIndex('patrols_open').on('patrols').columns(['finished_at', 'moved_at']).execute();
      await db.schema
        .createTable('patrol_track')
        .addColumn('patrol_id', 'text', (c) => c.notNull())
        .addColumn('client_at', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('accuracy_m', 'double precision', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('patrol_track_pk', ['patrol_id', 'client_at'])
        .execute();
      await db.schema
        .createTable('patrol_check_ins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('patrol_id', 'text', (c) => c.notNull())
        .addColumn('checkpoint_id', 'text', (c) => c.notNull())
        .addColumn('duty_id', 'text')
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('accuracy_m', 'double precision', (c) => c.notNull())
        .addColumn('client_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('late', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('factors', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('patrol_check_ins_patrol').on('patrol_check_ins').columns(['patrol_id', 'client_at']).execute();
      await db.schema.createIndex('patrol_check_ins_duty').on('patrol_check_ins').columns(['duty_id', 'checkpoint_id']).execute();
      await db.schema.createIndex('patrol_check_ins_checkpoint').on('patrol_check_ins').columns(['checkpoint_id', 'client_at']).execute();
      await db.schema
        .createTable('patrol_findings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('patrol_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('client_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('by_user', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('patrol_findings_patrol').on('patrol_findings').column('patrol_id').execute();
      await db.schema.createIndex('patrol_findings_incident').on('patrol_findings').column('incident_id').execute();
      await db.schema
        .createTable('finding_photos')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('finding_id', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('finding_photos_finding').on('finding_photos').column('finding_id').execute();
      await db.schema
        .createTable('patrol_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('patrol_id', 'text')
        .addColumn('duty_id', 'text')
        .addColumn('checkpoint_ids', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .execute();
      await db.schema.createIndex('patrol_alerts_agency').on('patrol_alerts').columns(['agency_id', 'raised_at']).execute();
      await db.schema
        .createTable('patrol_points')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text')
        .addColumn('member_id', 'text')
        .addColumn('public_report_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('hours', 'double precision', (c) => c.notNull())
        .addColumn('ref_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        // a credit is given once per member (or report) and reason, however often its cause is replayed
        .addColumn('credit_key', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('patrol_points_team').on('patrol_points').columns(['team_id', 'month']).execute();
      await db.schema.createIndex('patrol_points_report').on('patrol_points').column('public_report_id').execute();
      await db.schema
        .createTable('patrol_section_risks')
        .addColumn('section_id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('weight', 'double precision', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('client_writes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
