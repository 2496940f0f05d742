import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import { initialSchema } from './migrations/001-initial.js';
import { timetableSchema } from './migrations/002-timetable.js';
import { incidentsSchema } from './migrations/003-incidents.js';
import { dispatchSchema } from './migrations/004-dispatch.js';
import { agreementsSchema } from './migrations/005-agreements.js';
import { priorityReasonsSchema } from './migrations/006-priority-reasons.js';
import { auditSchema } from './migrations/007-audit.js';
import { sharingSchema } from './migrations/008-sharing.js';
import { commandSchema } from './migrations/009-command.js';
import { sitrepsSchema } from './migrations/010-sitreps.js';
import { webhooksSchema } from './migrations/011-webhooks.js';
import { messagesSchema } from './migrations/012-messages.js';
import { dutySchema } from './migrations/013-duty.js';
import { taskAttachmentsSchema } from './migrations/014-task-attachments.js';
import { centresSchema } from './migrations/015-centres.js';
import { authSecuritySchema } from '../auth/migrations.js';
import { sitrepTasksSchema } from '../../modules/reports/migrations.js';
import { patrolsSchema } from '../../modules/patrols/migrations.js';
import { publicReportsSchema } from '../../modules/public-reports/migrations.js';
import { nearbyIncidentsSchema, reporterKeySchema } from '../../modules/incidents/migrations.js';
import { auditArchiveSchema } from '../audit/migrations.js';
import { devicesSchema } from '../../modules/devices/migrations.js';
import { alarmsSchema } from '../../modules/alarms/migrations.js';
import { maintenanceSchema } from '../../modules/maintenance/migrations.js';
import { alertsSchema } from '../../modules/alerts/migrations.js';
import { bulletinIncidentsSchema } from '../../modules/sharing/migrations.js';
import { namedPlacesSchema } from '../../modules/network/migrations.js';
import { trainRequestsSchema } from '../../modules/train-requests/migrations.js';
import { federationSchema } from '../../modules/federation/migrations.js';
import { hazardsSchema } from '../../modules/hazards/migrations.js';
import { riskSchema } from '../../modules/risk/migrations.js';
import { defensibleSpaceSchema } from '../../modules/defensible-space/migrations.js';
import { governanceSchema } from '../../modules/governance/migrations.js';
import { indicatorsSchema } from '../../modules/indicators/migrations.js';
import { briefingsSchema } from '../../modules/briefings/migrations.js';
import { assessmentSchema } from '../../modules/assessment/migrations.js';
import { sficSchema } from '../../modules/sfic/migrations.js';
import { spacePhotosSchema } from '../../modules/defensible-space/migrations.js';
import { meetingDocumentsSchema } from '../../modules/governance/migrations.js';
import { responsibilityListSchema } from '../../modules/responsibility-list/migrations.js';
import { cooperationAgreementsSchema } from '../../modules/agreements/migrations.js';
import { randomisedPatrolsSchema } from '../../modules/allocation/patrol-game/department/migrations.js';
import { postCandidatesSchema } from '../../modules/allocation/posts/migrations.js';
import { whatIfRunsSchema } from '../../modules/allocation/simulation/department/migrations.js';

/**
 * Migrations are code, listed here in order; each receives the engine so the few type names that
 * differ (auto-increment keys) are chosen in one place.
 */
function provider(db: Db): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001-initial': initialSchema(db.engine),
        '002-timetable': timetableSchema(db.engine),
        '003-incidents': incidentsSchema(db.engine),
        '004-dispatch': dispatchSchema(db.engine),
        '005-agreements': agreementsSchema(),
        '006-priority-reasons': priorityReasonsSchema(),
        '007-audit': auditSchema(db.engine),
        '008-sharing': sharingSchema(db.engine),
        '009-command': commandSchema(db.engine),
        '010-sitreps': sitrepsSchema(),
        '011-webhooks': webhooksSchema(db.engine),
        '012-messages': messagesSchema(db.engine),
        '013-duty': dutySchema(),
        '014-task-attachments': taskAttachmentsSchema(db.engine),
        '015-centres': centresSchema(),
        '016-auth-security': authSecuritySchema(),
        '017-sitrep-tasks': sitrepTasksSchema(),
        '019-patrols': patrolsSchema(db.engine),
        '019b-public-reports': publicReportsSchema(db.engine),
        '020-devices': devicesSchema(db.engine),
        '020b-alarms': alarmsSchema(db.engine),
        '020c-maintenance': maintenanceSchema(),
        '021-reporter-key': reporterKeySchema(),
        '021b-audit-archive': auditArchiveSchema(db.engine),
        '022-named-places': namedPlacesSchema(),
        '022b-train-requests': trainRequestsSchema(),
        '023-alerts': alertsSchema(),
        '024-bulletin-incidents': bulletinIncidentsSchema(),
        '025-incidents-nearby': nearbyIncidentsSchema(),
        '026-federation': federationSchema(),
        '027-hazards': hazardsSchema(db.engine),
        '028-risk': riskSchema(db.engine),
        '031-defensible-space': defensibleSpaceSchema(),
        '032-governance': governanceSchema(),
        '033-indicators': indicatorsSchema(),
        '036-briefings': briefingsSchema(db.engine),
        '037-assessment': assessmentSchema(),
        '038-sfic': sficSchema(),
        '040-space-photos': spacePhotosSchema(db.engine),
        '041-meeting-documents': meetingDocumentsSchema(db.engine),
        '034-responsibility-list': responsibilityListSchema(),
        '035-cooperation-agreements': cooperationAgreementsSchema(db.engine),
        '039-randomised-patrols': randomisedPatrolsSchema(),
        '042-post-candidates': postCandidatesSchema(),
        '043-what-if-runs': whatIfRunsSchema(),
      };
    },
  };
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider: provider(db) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${reason}`);
  }
}
