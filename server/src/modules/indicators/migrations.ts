import type { Kysely, Migration } from 'kysely';

/**
 * Indicators (issue 14) read records by the instant that puts them in a period: without these
 * indexes every figure of a month scans each whole table (100,000 incidents and more).
 */
export function indicatorsSchema(): Migration {
  return {
    async up(db: Kysely<any>) {
      // covering what the reception figures read, so a month of them never touches the wide incident rows
      await db.schema.createIndex('incidents_received').on('incidents').columns(['received_at', 'lead_agency_id', 'status', 'dispatched_at', 'on_scene_at', 'time_limit_s', 'id']).execute();
      await db.schema.createIndex('transfers_sent').on('transfers').column('sent_at').execute();
      await db.schema.createIndex('bulletins_created').on('bulletins').column('created_at').execute();
      await db.schema.createIndex('tasks_deadline').on('tasks').column('deadline').execute();
      await db.schema.createIndex('commands_opened').on('commands').column('opened_at').execute();
      await db.schema.createIndex('change_log_at').on('change_log').column('at').execute();
      await db.schema.createIndex('hazards_deadline').on('hazards').column('deadline_at').execute();
    },
    async down(db: Kysely<any>) {
      for (const name of ['incidents_received', 'transfers_sent', 'bulletins_created', 'tasks_deadline', 'commands_opened', 'change_log_at', 'hazards_deadline']) await db.schema.dropIndex(name).execute();
    },
  };
}
