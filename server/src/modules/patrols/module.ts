import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { AgencyType } from '@railjoint/contracts';
import type { PersonalData } from '../../platform/crypto/personal-data.js';
import { PersonalRecords } from './personal-data.js';
import { DEFAULT_PATROLS, type PatrolConfig } from '../../platform/config.js';
import { now } from '../../platform/clock.js';
import type { OrganisationService } from '../organisation/service.js';
import type { NetworkService } from '../network/service.js';
import type { IncidentService } from '../incidents/service.js';
import { checkpointKey, storedKey } from './checkpoint-key.js';
import { DEFAULT_VERIFY_RULES } from './verify-check-in.js';
import type { PatrolContext } from './context.js';
import { TeamService } from './teams.js';
import { CheckpointService } from './checkpoints.js';
import { PlanService } from './plans.js';
import { PatrolService } from './patrolling.js';
import { AlertService } from './alerts.js';
import { CheckInService } from './check-ins.js';
import { FindingService } from './findings.js';
import { CoverageService } from './coverage-service.js';
import { StatementService } from './statements.js';
import { SyncService } from './sync.js';
import { addDays, beijingDate } from './duties.js';
import { NOT_USEFUL_OUTCOMES } from './points.js';
import { teamRoutes } from './team-routes.js';
import { checkpointRoutes } from './checkpoint-routes.js';
import { planRoutes } from './plan-routes.js';
import { patrolRoutes } from './patrol-routes.js';
import { oversightRoutes } from './oversight-routes.js';
import { PublicReportService } from '../public-reports/service.js';
import { RateLimiter } from '../public-reports/rate-limit.js';
import { Open311Clients } from '../public-reports/open311-clients.js';
import { publicReportRoutes } from '../public-reports/routes.js';
import { open311Plugin } from '../public-reports/open311/plugin.js';

/** A patrol silent this long was left running: the sweep closes it at its last report. */
const SILENT_CLOSE_S = 12 * 3600;

export interface CivilDefence {
  teams: TeamService;
  checkpoints: CheckpointService;
  plans: PlanService;
  patrols: PatrolService;
  checkIns: CheckInService;
  findings: FindingService;
  alerts: AlertService;
  coverage: CoverageService;
  statements: StatementService;
  publicReports: PublicReportService;
  open311Clients: Open311Clients;
  routes: RouteSpec[];
  /** mounts Open311 GeoReport v2 at /open311/v2 (outside the /api registry: its own error form) */
  mountOpen311(app: FastifyInstance, jurisdictionId: string): Promise<void>;
  /** the clock's work: duties for today and tomorrow, missed checkpoints, welfare, silent patrols, unlinked findings */
  sweep(at?: number): Promise<void>;
}

/**
 * Civil defence and the public (issue 10), built from the platform's services. Incidents closed
 * on the patrol and public channels credit the findings and reports behind them, inside the
 * incident's own transaction.
 */
export async function createCivilDefence(deps: { db: Db; org: OrganisationService; network: NetworkService; outbox: OutboxRelay; incidents: IncidentService; personal: PersonalData; config?: PatrolConfig }): Promise<CivilDefence> {
  const config = deps.config ?? DEFAULT_PATROLS;
  const ctx: PatrolContext = {
    db: deps.db,
    org: deps.org,
    network: deps.network,
    outbox: deps.outbox,
    key: await checkpointKey(deps.db.kysely, config.checkpointKey),
    rules: { ...DEFAULT_VERIFY_RULES, lateGraceS: config.lateGraceS },
    welfareS: config.welfareS,
    personal: new PersonalRecords(deps.personal),
  };
  const teams = new TeamService(ctx);
  const checkpoints = new CheckpointService(ctx);
  const plans = new PlanService(ctx);
  const patrols = new PatrolService(ctx, teams);
  const alerts = new AlertService(ctx);
  const checkIns = new CheckInService(ctx, patrols, checkpoints, alerts);
  const findings = new FindingService(ctx, patrols, deps.incidents);
  const coverage = new CoverageService(ctx);
  const statements = new StatementService(ctx, teams);
  const sync = new SyncService(patrols, checkIns, findings);
  const limiter = new RateLimiter(deps.db.kysely);
  const publicReports = new PublicReportService(deps.db, deps.org, deps.incidents, deps.outbox, await storedKey(deps.db.kysely, 'public_reports.code_key'), limiter, config.publicReportsPerHour, ctx.personal);
  const open311Clients = new Open311Clients(deps.db.kysely);

  deps.incidents.onAction(async (trx, row, next, at) => {
    if (next !== 'closed' || (row.channel !== 'patrol' && row.channel !== 'public')) return {};
    // the close has been written in this transaction already: its outcome says whether the report was useful
    const closed = await trx.selectFrom('incidents').select('outcome_code').where('id', '=', row.id).executeTakeFirst();
    if (closed?.outcome_code && NOT_USEFUL_OUTCOMES.includes(closed.outcome_code)) return {};
    if (row.channel === 'patrol') await findings.onIncidentClosed(trx, row.id, at);
    if (row.channel === 'public') await publicReports.onIncidentClosed(trx, row.id, at);
    return {};
  });

  // a finding's incident is made as its author: whoever filed it, as they are now
  const actorFor = async (username: string): Promise<Actor | null> => {
    const u = await deps.db.kysely.selectFrom('users').select(['id', 'username', 'display_name', 'agency_id', 'roles', 'disabled']).where('username', '=', username).executeTakeFirst();
    if (!u || u.disabled) return null;
    return { userId: u.id, username: u.username, displayName: u.display_name, agencyId: u.agency_id, agencyType: (deps.org.findAgency(u.agency_id)?.type ?? null) as AgencyType | null, roles: JSON.parse(u.roles) as Actor['roles'] };
  };

  let generatedFor = '';
  let lastLimiterSweep = 0;
  return {
    teams,
    checkpoints,
    plans,
    patrols,
    checkIns,
    findings,
    alerts,
    coverage,
    statements,
    publicReports,
    open311Clients,
    routes: [...teamRoutes(teams, statements), ...checkpointRoutes(checkpoints), ...planRoutes(plans), ...patrolRoutes(patrols, checkIns, findings, sync), ...oversightRoutes(alerts, coverage), ...publicReportRoutes(publicReports, open311Clients, deps.network)],
    async mountOpen311(app, jurisdictionId) {
      await app.register(open311Plugin({ reports: publicReports, clients: open311Clients, network: deps.network, jurisdictionId }), { prefix: '/open311/v2' });
    },
    async sweep(at = now()) {
      const today = beijingDate(at);
      if (generatedFor !== today) {
        await plans.generate(deps.db.kysely, [today, addDays(today, 1)]);
        generatedFor = today;
      }
      await alerts.settleDuties(at);
      await alerts.checkWelfare(at);
      await patrols.closeSilent(SILENT_CLOSE_S, at);
      await findings.repairUnlinked(actorFor);
      if (at - lastLimiterSweep > 3600_000) {
        lastLimiterSweep = at;
        await limiter.sweep(at);
      }
    },
  };
}
