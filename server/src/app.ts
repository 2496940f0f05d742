import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './platform/config.js';
import { openDatabase, type Db } from './platform/db/database.js';
import { createHttpServer } from './platform/http/server.js';
import type { RouteSpec } from './platform/http/route.js';
import { healthRoutes } from './platform/http/health.js';
import type { Actor } from './platform/auth/actor.js';
import { UserService } from './modules/users/service.js';
import { bearerToken, SESSION_COOKIE, userRoutes } from './modules/users/routes.js';
import { NetworkService } from './modules/network/service.js';
import { networkRoutes } from './modules/network/routes.js';
import { PlaceSearch } from './modules/places/search.js';
import { placeRoutes } from './modules/places/routes.js';
import { TrainRequestService } from './modules/train-requests/service.js';
import { trainRequestRoutes } from './modules/train-requests/routes.js';
import { basemapRoutes } from './modules/basemap/routes.js';
import { OrganisationService } from './modules/organisation/service.js';
import { organisationRoutes } from './modules/organisation/routes.js';
import { TrainService } from './modules/trains/service.js';
import { trainRoutes } from './modules/trains/routes.js';
import { IncidentService } from './modules/incidents/service.js';
import { incidentRoutes } from './modules/incidents/routes.js';
import { incidentTrains } from './modules/incidents/train-locator.js';
import { registerLiveChannel } from './platform/live/live-channel.js';
import { UnitService } from './modules/units/service.js';
import { unitRoutes } from './modules/units/routes.js';
import { DispatchService } from './modules/dispatch/service.js';
import { dispatchRoutes } from './modules/dispatch/routes.js';
import { DEFAULT_SPEEDS } from './modules/dispatch/eta.js';
import { HandoverService } from './modules/incidents/handover-service.js';
import { handoverRoutes } from './modules/incidents/handover-routes.js';
import { changeLogRoutes } from './modules/audit/routes.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { AuditService } from './modules/audit/service.js';
import { SharingService } from './modules/sharing/service.js';
import { CapImporter } from './modules/sharing/cap-import.js';
import { sharingRoutes } from './modules/sharing/routes.js';
import { LevelService } from './modules/command/level-service.js';
import { TaskService } from './modules/command/task-service.js';
import { CommandService } from './modules/command/command-service.js';
import { commandRoutes } from './modules/command/routes.js';
import { eidoRoutes } from './modules/incidents/eido-routes.js';
import { SitrepService } from './modules/reports/service.js';
import { sitrepRoutes } from './modules/reports/routes.js';
import { WebhookService } from './modules/webhooks/service.js';
import { WebhookDispatcher } from './modules/webhooks/dispatcher.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { MessageService } from './modules/messages/service.js';
import { messageRoutes } from './modules/messages/routes.js';
import { DutyService } from './modules/duty/service.js';
import { dutyRoutes } from './modules/duty/routes.js';
import { createCivilDefence, type CivilDefence } from './modules/patrols/module.js';
import { AlertService } from './modules/alerts/service.js';
import { AlertEngine } from './modules/alerts/engine.js';
import { AlertKinds } from './modules/alerts/kinds.js';
import { alertRoutes } from './modules/alerts/routes.js';
import { TechnicalDefence } from './modules/devices/wiring.js';
import { Federation } from './modules/federation/module.js';
import { createHazards, type HazardsModule } from './modules/hazards/module.js';
import { parseDeadlineDays } from './modules/hazards/model.js';
import { createRisk, type RiskModule } from './modules/risk/module.js';
import { createDefensibleSpace, type DefensibleSpaceModule } from './modules/defensible-space/module.js';
import { createGovernance, type GovernanceModule } from './modules/governance/module.js';
import { createIndicators, type IndicatorsModule } from './modules/indicators/module.js';
import { createAssessment, type AssessmentModule } from './modules/assessment/module.js';
import { createSfic } from './modules/sfic/module.js';
import { canReadAgencyIndicators } from './platform/policies/indicators.js';
import { createBriefings, type BriefingsModule } from './modules/briefings/module.js';
import { createResponsibilityList } from './modules/responsibility-list/module.js';
import { createCooperationAgreements } from './modules/agreements/module.js';
import { coverRoutes } from './modules/allocation/cover/routes.js';
import { simulationRoutes } from './modules/allocation/simulation/routes.js';
import { patrolGameRoutes } from './modules/allocation/patrol-game/routes.js';
import { patrolDutiesRoutes } from './modules/allocation/patrol-game/department/routes.js';
import { DepartmentPatrolDuties } from './modules/allocation/patrol-game/department/service.js';
import { postPlanRoutes } from './modules/allocation/posts/routes.js';
import { PostPlanService } from './modules/allocation/posts/service.js';
import { whatIfRoutes } from './modules/allocation/simulation/department/routes.js';
import { WhatIfRuns } from './modules/allocation/simulation/department/runs.js';
import { WhatIfService } from './modules/allocation/simulation/department/service.js';
import { EffectivenessService } from './modules/allocation/effectiveness/service.js';
import { effectivenessRoutes } from './modules/allocation/effectiveness/routes.js';
import { wordings } from './platform/http/wording.js';
import { rewordReason } from './modules/organisation/reasons-i18n.js';
import { bootstrap } from './bootstrap.js';
import type { EventBus } from './platform/bus/event.js';
import { MemoryEventBus } from './platform/bus/memory-bus.js';
import { NatsEventBus } from './platform/bus/nats-bus.js';
import { OutboxRelay } from './platform/bus/outbox.js';
import { ResourceReaders } from './platform/bus/readers.js';
import { JobRunner } from './platform/jobs/runner.js';
import { leasesFor } from './platform/jobs/leases.js';
import { takeStartLock, type StartLock } from './platform/jobs/start-lock.js';
import { keyringFile, openKeyring } from './platform/crypto/keyring.js';
import { PersonalData } from './platform/crypto/personal-data.js';
import { reseal } from './platform/crypto/reseal.js';
import { PERSONAL_COLUMNS } from './personal-data.js';
import { startClockAt } from './platform/clock.js';
import { withEnrolmentGate } from './platform/auth/enrolment-gate.js';
import { mayUseRoute } from './platform/auth/mfa-policy.js';

export const VERSION = '0.1.0';

export interface Services {
  users: UserService;
  network: NetworkService;
  organisation: OrganisationService;
  trains: TrainService;
  sharing: SharingService;
  tasks: TaskService;
  levels: LevelService;
  commands: CommandService;
  sitreps: SitrepService;
  duty: DutyService;
  /** civil defence and the public (issue 10) */
  civil: CivilDefence;
  incidents: IncidentService;
  units: UnitService;
  dispatch: DispatchService;
  alerts: AlertService;
  /** derives alerts from committed events (a periodic job; tests run a round with tick()) */
  alertEngine: AlertEngine;
  /** technical defence: devices, ingest, alarms, maintenance windows (modules/devices/wiring.ts) */
  defence: TechnicalDefence;
  /** the bureau and its departments: the other nodes, what arrived from them, bulletins to them (issue 15) */
  federation: Federation;
  /** hazards under the dual section chief system (issue 12) */
  hazards: HazardsModule;
  /** risk along the line: history, cells, methods, backtest (issue 12) */
  risk: RiskModule;
  /** defensible-space assessments, section scores and countermeasure plans (issue 12) */
  space: DefensibleSpaceModule;
  /** joint meetings and their decisions (issue 14) */
  governance: GovernanceModule;
  indicators: IndicatorsModule;
  /** the assessment (考核) over the indicators (issue 14) */
  assessment: AssessmentModule;
  /** briefings (每日警情通报) and the big screen (issue 14) */
  briefings: BriefingsModule;
}

export interface App {
  config: Config;
  db: Db;
  bus: EventBus;
  outbox: OutboxRelay;
  /** periodic work, each job on one instance only; modules add theirs here (platform/jobs) */
  jobs: JobRunner;
  http: FastifyInstance;
  services: Services;
  /** every contract route, with what each reads (the access-matrix test walks them) */
  routes: RouteSpec[];
  close(): Promise<void>;
}

export interface AppOptions {
  /** where start-up messages go (the generated admin password, demo accounts) */
  announce?: (line: string) => void;
  demoPassword?: string;
  /** replaces the sign-in failure delay (tests) */
  loginDelay?: (ms: number) => Promise<void>;
}

/** Builds the whole platform for one configuration: database, services, HTTP. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  if (config.clockStart !== undefined) startClockAt(config.clockStart);
  const db = await openDatabase(config.database);
  let bus: EventBus | null = null;
  let starting: StartLock | null = null;
  try {
    // instances started together take turns through loading and first-start work
    starting = await takeStartLock(config.database);
    // Events between instances go through NATS JetStream when configured; one process needs none.
    bus = config.natsUrl ? await NatsEventBus.connect(config.natsUrl, { prefix: config.natsPrefix }) : new MemoryEventBus();
    // on PostgreSQL one instance relays, over a session of its own that hears every commit
    const outbox = new OutboxRelay(db.kysely, bus, () => {}, 2000, config.database.engine === 'postgres' ? config.database.url : null);
    outbox.kick();
    // personal data is sealed with keys kept beside, never in, the database; rows written before
    // sealing began are sealed now (a re-seal after a key rotation is `railjoint keys reseal`)
    const personal = new PersonalData(openKeyring(config.dataKeyFile).ring, keyringFile(config.dataKeyFile));
    await reseal(db.kysely, personal, PERSONAL_COLUMNS, { all: false });
    const network = await NetworkService.open(db);
    const organisation = await OrganisationService.open(db, network);
    const users = new UserService(db.kysely, { sessionTtlS: config.sessionTtlS, mfaRoles: config.mfaRoles, loginDelay: opts.loginDelay }, (id) => organisation.agencyExists(id));
    const trains = await TrainService.open(db, network, organisation);
    const r = config.reception;
    const incidents = new IncidentService(db, organisation, outbox, personal, { duplicateDistanceM: r.duplicateDistanceM, duplicateWindowS: r.duplicateWindowS, transferReplyS: r.transferReplyS }, incidentTrains(trains, network));
    const units = await UnitService.open(db, bus, outbox, (id) => organisation.agencyExists(id));
    const speeds = Object.fromEntries(Object.entries(r.speedsKmh).filter(([k]) => k in DEFAULT_SPEEDS).map(([k, kmh]) => [k, { kmh, detour: DEFAULT_SPEEDS[k as keyof typeof DEFAULT_SPEEDS]?.detour ?? 1.2 }]));
    const dispatch = new DispatchService(db, network, incidents, units, organisation, outbox, { ackTimeoutS: r.ackTimeoutS, eta: { speeds } }, trains);
    const handover = new HandoverService(db, incidents, trains, outbox);
    const sharing = new SharingService(db, network, organisation, outbox, { remindAfterS: r.bulletinRemindS, capDomain: 'railjoint.cn' });
    const capImporter = new CapImporter(db, network, organisation, sharing);
    const federation = new Federation({ db, config: config.federation ?? null, org: organisation, network, sharing, outbox, log: (e, msg, detail) => http.log.warn({ err: e ?? undefined, ...detail }, msg) });
    // a bulletin names its incident only to whoever may read the incident
    sharing.linkIncidentsWith(async (actor, id) => ((await incidents.readable(actor, id)) ? { code: (await incidents.store.byId(id))!.code } : null));
    const levels = new LevelService(db, incidents, organisation, outbox);
    const tasks = new TaskService(db, incidents, organisation, outbox);
    const commands = new CommandService(db, incidents, levels, tasks, organisation, outbox);
    handover.whenRequested((trx, actor, h) => tasks.handoverTask(trx, actor, h));
    const sitreps = new SitrepService(db, incidents, levels, commands, network, organisation, tasks, outbox);
    const messages = new MessageService(db, incidents, organisation, outbox);
    const duty = new DutyService(db, organisation);
    const civil = await createCivilDefence({ db, org: organisation, network, outbox, incidents, personal, config: config.patrols });
    const hazards = createHazards({ db, network, org: organisation, outbox, personal, findings: civil.findings, deadlineDays: parseDeadlineDays(process.env.RAILJOINT_HAZARD_DEADLINE_DAYS) });
    const risk = createRisk({ db, network, categories: organisation });
    const space = createDefensibleSpace({ db, network, locate: (place, root) => hazards.service.locate(place, root), ownersAt: (trx, lineId, m) => hazards.chiefs.at(trx, lineId, m), tasks, org: organisation, outbox });
    const governance = createGovernance({ db, org: organisation, tasks, outbox });
    const indicators = createIndicators({ db, org: organisation });
    const assessment = createAssessment({ db, indicators: indicators.indicators });
    const sfic = createSfic({ db, org: organisation, indicators: indicators.indicators });
    const briefings = createBriefings({ db, org: organisation, sharing, outbox, schedule: config.briefings ?? null });
    const responsibilityList = createResponsibilityList({ db, org: organisation });
    const cooperation = createCooperationAgreements({ db, org: organisation, network });
    const webhooks = new WebhookService(db, organisation, config.webhooks?.allowPrivate ?? false);
    // Who may hear of an event: each kind of resource answers with its read route's own check.
    // reasons stored in one language are worded again in each reader's
    wordings.add(rewordReason);
    const readers = new ResourceReaders((e, ref) => http.log.error({ err: e, ref }, 'read check failed'));
    readers.register('incident', (actor, id) => incidents.readable(actor, id));
    readers.register('task', (actor, id) => tasks.readable(actor, id));
    readers.register('unit', (actor, id) => units.readable(actor, id));
    readers.register('bulletin', (actor, id) => sharing.readable(actor, id));
    for (const kind of ['federation_node', 'federated_incident', 'federated_bulletin'] as const) readers.register(kind, (actor, id) => federation.service.readable(kind, actor, id));
    readers.register('message', (actor, id) => messages.readable(actor, id));
    readers.register('sitrep', (actor, id) => sitreps.readable(actor, id));
    readers.register('patrol_team', (actor, id) => civil.teams.readable(actor, id));
    readers.register('patrol_member', (actor, id) => civil.teams.memberReadable(actor, id));
    readers.register('checkpoint', (actor, id) => civil.checkpoints.readable(actor, id));
    readers.register('patrol_plan', (actor, id) => civil.plans.readable(actor, id));
    readers.register('patrol', (actor, id) => civil.patrols.readable(actor, id));
    readers.register('finding', (actor, id) => civil.findings.readable(actor, id));
    readers.register('patrol_alert', (actor, id) => civil.alerts.readable(actor, id));
    readers.register('public_report', (actor, id) => civil.publicReports.readable(actor, id));
    readers.register('reporter_contact', (actor, id) => civil.publicReports.contactReadable(actor, id));
    readers.register('hazard', (actor, id) => hazards.service.readable(actor, id));
    readers.register('meeting', (actor, id) => governance.meetings.readable(actor, id));
    readers.register('cooperation_agreement', (actor, id) => cooperation.agreements.readable(actor, id));
    readers.register('agency_indicators', async (actor, id) => canReadAgencyIndicators(actor, id));
    const alerts = new AlertService(db.kysely, readers, outbox);
    readers.register('alert', (actor, id) => alerts.readable(actor, id));
    const alertEngine = new AlertEngine(db.kysely, new AlertKinds(), { centres: () => organisation.centres().map((a) => a.id), exists: (id) => organisation.findAgency(id) !== undefined, name: (id) => organisation.agencyName(id) }, outbox);
    const d = config.devices;
    const defence = new TechnicalDefence(
      { db, bus, outbox, readers, network, organisation, trains, tasks, incidents, log: (e, msg) => http.log.error({ err: e }, msg) },
      { heartbeatS: d?.heartbeatS ?? 60, mqtt: { url: d?.mqttUrl ?? null, port: d ? d.mqttPort : null, connections: d?.mqttConnections ?? 64, clientId: d?.mqttClientId ?? 'railjoint', group: d?.mqttGroup, clean: d?.mqttClean } },
    );
    incidents.guardTimelineWith((actor, entries) => tasks.hideUnreadableTasks(actor, entries));
    const webhookDispatcher = new WebhookDispatcher(db.kysely, (id) => organisation.findAgency(id)?.type ?? null, readers, { baseDelayMs: config.webhooks?.baseDelayMs ?? 5000, timeoutMs: 5000 });
    const services: Services = { users, network, organisation, trains, incidents, units, dispatch, sharing, tasks, levels, commands, sitreps, duty, alerts, alertEngine, civil, defence, federation, hazards, risk, space, governance, indicators, assessment, briefings };

    await bootstrap(services, config, { announce: opts.announce ?? (() => {}), demoPassword: opts.demoPassword });
    await starting.release();
    starting = null;
    const jobs = new JobRunner(leasesFor(config.database), (job, e) => http.log.error({ err: e, job }, 'periodic job failed'));

    const resolveActor = async (request: FastifyRequest): Promise<Actor | null> => {
      const token = bearerToken(request.headers.authorization) ?? request.cookies?.[SESSION_COOKIE] ?? null;
      return token ? users.actorForToken(token) : null;
    };
    // Browsers cannot set headers on a WebSocket, so the live channel also takes ?token=.
    const liveActor = async (request: FastifyRequest): Promise<Actor | null> => {
      const q = (request.query as Record<string, unknown>).token;
      const actor = typeof q === 'string' && q ? await users.actorForToken(q) : await resolveActor(request);
      return actor && !mayUseRoute(actor, 'GET', '/api/live') ? null : actor;
    };
    // a session that owes a second factor reaches only the enrolment routes (auth/mfa-policy.ts)
    // allocation on the department's data: the post plan, the what-if simulation and the patrol game, which the effectiveness report asks in turn
    const postPlans = new PostPlanService(db, network, risk.service, organisation);
    const patrolDuties = new DepartmentPatrolDuties(db, organisation, network, risk.service);
    const whatIf = new WhatIfService(db, network, organisation, risk.service, postPlans, { speeds });
    const whatIfRuns = new WhatIfRuns(whatIf, db, (e, msg) => http.log.error({ err: e }, msg));
    const routes = withEnrolmentGate([
      ...healthRoutes(db, VERSION, new Date(), { bus: () => (bus instanceof NatsEventBus ? bus.status() : 'in-process'), jobsHere: () => jobs.states().filter((j) => j.here).map((j) => j.name) }),
      ...userRoutes(users, false),
      ...networkRoutes(network),
      ...placeRoutes(new PlaceSearch(network, organisation)),
      ...basemapRoutes(config.basemap ?? null),
      ...organisationRoutes(organisation),
      ...trainRoutes(trains),
      ...incidentRoutes(incidents),
      ...unitRoutes(units),
      ...dispatchRoutes(dispatch),
      ...handoverRoutes(handover),
      ...changeLogRoutes(db.kysely),
      ...auditRoutes(new AuditService(db.kysely)),
      ...sharingRoutes(sharing, capImporter),
      ...commandRoutes(levels, commands, tasks),
      ...trainRequestRoutes(new TrainRequestService(db, incidents, tasks, network, organisation, outbox)),
      ...eidoRoutes(db, incidents, organisation, 'lz.railjoint.cn'),
      ...sitrepRoutes(sitreps),
      ...webhookRoutes(webhooks),
      ...messageRoutes(messages),
      ...dutyRoutes(duty),
      ...civil.routes,
      ...alertRoutes(alerts),
      ...defence.routes(),
      ...federation.routes,
      ...hazards.routes,
      ...risk.routes,
      ...space.routes,
      ...governance.routes,
      ...indicators.routes,
      ...assessment.routes,
      ...sfic.routes,
      ...briefings.routes,
      ...responsibilityList.routes,
      ...cooperation.routes,
      ...coverRoutes(),
      ...simulationRoutes(),
      ...patrolGameRoutes(),
      ...patrolDutiesRoutes(patrolDuties),
      ...postPlanRoutes(postPlans),
      ...whatIfRoutes(whatIf, whatIfRuns),
      ...effectivenessRoutes(new EffectivenessService(whatIf, postPlans, patrolDuties), () => organisation.centres()[0]?.name ?? 'RailJoint'),
    ]);
    const http = await createHttpServer({
      routes,
      resolveActor,
      extend: async (app) => {
        await registerLiveChannel(app, { db: db.kysely, bus: bus!, authenticate: liveActor, readers });
        await civil.mountOpen311(app, 'lz.railjoint.cn');
      },
      webDist: config.webDist,
      trustedProxies: config.trustedProxies,
      mapOrigins: config.basemap?.kind === 'style' ? [new URL(config.basemap.url).origin] : [],
      logLevel: config.logLevel,
      version: VERSION,
    });
    // The clock: deadlines, limits, reminders and schedules, each looked at by one instance.
    const sweepMs = (config.sweepEveryS ?? 5) * 1000;
    jobs.add({ name: 'incidents.transfer-timeouts-and-limits', everyMs: sweepMs, run: () => incidents.sweep() });
    jobs.add({ name: 'dispatch.acknowledgement-escalations', everyMs: sweepMs, run: () => dispatch.sweep() });
    jobs.add({ name: 'sharing.bulletin-reminders', everyMs: sweepMs, run: () => sharing.sweepReminders() });
    jobs.add({ name: 'command.overdue-tasks', everyMs: sweepMs, run: () => tasks.sweepOverdue() });
    jobs.add({ name: 'command.level-rules', everyMs: sweepMs, run: () => levels.sweep() });
    jobs.add({ name: 'reports.scheduled-sitreps', everyMs: sweepMs, run: () => sitreps.sweep() });
    jobs.add({ name: 'patrols.duties-alerts-welfare', everyMs: sweepMs, run: () => civil.sweep() });
    jobs.add({ name: 'hazards.overdue-escalation', everyMs: sweepMs, run: async () => void (await hazards.service.sweepOverdue()) });
    // a briefing per kind and period, once: the unique key (kind, period) holds even against the centre's own request
    jobs.add({ name: 'briefings.scheduled', everyMs: sweepMs, run: async () => void (await briefings.sweep()) });
    jobs.add({ name: 'webhooks.fan-out-and-deliver', everyMs: 1000, run: () => webhookDispatcher.tick() });
    jobs.add({ name: 'alerts.derive', everyMs: 1000, run: () => alertEngine.tick() });
    for (const job of defence.jobs(sweepMs)) jobs.add(job);
    for (const job of whatIfRuns.jobs()) jobs.add(job);
    await federation.start();
    for (const job of federation.jobs()) jobs.add(job);
    // the first round sets the fan-out cursor, so deliveries cover everything from this start on
    await jobs.runNow('webhooks.fan-out-and-deliver');
    // likewise the alerts' cursor: alerts are derived from what happens after the first start
    await jobs.runNow('alerts.derive');
    jobs.start();
    await defence.startMqtt(opts.announce ?? (() => {}));
    return {
      config,
      db,
      bus,
      outbox,
      jobs,
      http,
      services,
      routes,
      async close() {
        await jobs.close();
        await federation.close();
        await defence.close();
        await http.close();
        await whatIfRuns.close();
        await outbox.close();
        await bus?.close();
        await db.close();
      },
    };
  } catch (e) {
    await starting?.release();
    await bus?.close();
    await db.close();
    throw e;
  }
}
