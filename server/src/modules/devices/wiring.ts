import type { Db } from '../../platform/db/database.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import type { EventBus } from '../../platform/bus/event.js';
import type { ResourceReaders } from '../../platform/bus/readers.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { TrainService } from '../trains/service.js';
import type { TaskService } from '../command/task-service.js';
import type { IncidentService } from '../incidents/service.js';
import { DeviceService } from './service.js';
import { HealthTracker } from './health-service.js';
import { Ingest } from './ingest.js';
import { RefusalCounter } from './refusals.js';
import { MqttIngest, MqttPortTaken, type MqttSettings } from './mqtt.js';
import { deviceRoutes } from './routes.js';
import { AlarmEngine } from '../alarms/engine.js';
import { AlarmService } from '../alarms/service.js';
import { AlarmRulesService } from '../alarms/rules-service.js';
import { Escalator } from '../alarms/escalator.js';
import { KpiService } from '../alarms/kpi-service.js';
import { alarmRoutes } from '../alarms/routes.js';
import { MaintenanceService } from '../maintenance/service.js';
import { maintenanceRoutes } from '../maintenance/routes.js';
import { TRAIN_TOLERANCE_MS } from '../alarms/context.js';

/** Periodic work as the platform's job runner takes it (one instance runs each). */
export interface DefenceJob {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export interface DeviceSettings {
  mqtt: MqttSettings;
  /** default heartbeat interval, seconds (GB/T 28181: 60) */
  heartbeatS: number;
}

export interface TechnicalDefenceDeps {
  db: Db;
  bus: EventBus;
  outbox: OutboxRelay;
  readers: ResourceReaders;
  network: NetworkService;
  organisation: OrganisationService;
  trains: TrainService;
  tasks: TaskService;
  incidents: IncidentService;
  log: (e: unknown, msg: string) => void;
}

/**
 * Technical defence (技防) put together: registry, health, ingest (MQTT and signed HTTP), alarms,
 * rules, escalation, maintenance windows and KPIs. The app adds its routes, jobs and read checks
 * and starts MQTT once the HTTP side is up.
 */
export class TechnicalDefence {
  readonly devices: DeviceService;
  readonly health: HealthTracker;
  readonly ingest: Ingest;
  readonly refusals: RefusalCounter;
  readonly alarms: AlarmService;
  readonly rules: AlarmRulesService;
  readonly escalator: Escalator;
  readonly kpis: KpiService;
  readonly maintenance: MaintenanceService;
  mqtt: MqttIngest | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: TechnicalDefenceDeps,
    readonly settings: DeviceSettings,
  ) {
    const { db, outbox, network, organisation, trains, tasks, incidents, log } = deps;
    this.devices = new DeviceService(db, network, organisation, outbox, settings.heartbeatS);
    this.health = new HealthTracker(db, tasks, settings.heartbeatS);
    this.refusals = new RefusalCounter(db.kysely, (e) => log(e, 'refusal counts could not be written'));
    this.rules = new AlarmRulesService(db, organisation);
    this.maintenance = new MaintenanceService(db, network, organisation, outbox);
    this.alarms = new AlarmService(db, network, outbox);
    this.kpis = new KpiService(db, organisation);
    this.escalator = new Escalator(db, incidents, network, outbox, (e) => log(e, 'alarm escalation failed'));
    const engine = new AlarmEngine(tasks, {
      placeKind: (lineId, m) => {
        try {
          return organisation.placeKindOnLine(lineId, m);
        } catch {
          return null;
        }
      },
      highSpeed: (lineId) => network.current().line(lineId)?.highSpeed ?? false,
    });
    this.ingest = new Ingest(
      db,
      this.devices.cache,
      engine,
      this.health,
      {
        trainsAt: async (lineId, measureM, atMs) => (await trains.passing(lineId, measureM, atMs - TRAIN_TOLERANCE_MS, (2 * TRAIN_TOLERANCE_MS) / 1000)).map((t) => ({ train: t.train, atMs: t.atMs })),
        windows: () => this.maintenance.current(),
        rules: () => this.rules.rules(),
      },
      this.refusals,
      log,
    );
    this.ingest.onCommit(() => {
      outbox.kick();
      this.escalator.kick();
    });
    deps.readers.register('device', (actor, id) => this.devices.readable(actor, id));
    deps.readers.register('alarm', (actor, id) => this.alarms.readable(actor, id));
    deps.readers.register('maintenance_window', (actor, id) => this.maintenance.readable(actor, id));
    // another instance changed a device: ingest here must not keep using the old one
    this.unsubscribe = deps.bus.subscribe((e) => {
      if (e.type === 'device.registered' || e.type === 'device.updated') this.devices.cache.forget(e.entityId);
    });
  }

  routes(): RouteSpec[] {
    const mqtt = () => ({ mode: this.mqtt ? this.mqtt.mode : ('off' as const), url: this.mqtt?.url ?? null, connected: this.mqtt?.connected ?? false });
    return [
      ...deviceRoutes({ devices: this.devices, ingest: this.ingest, refusals: this.refusals, kpis: this.kpis, mqtt }),
      ...alarmRoutes(this.alarms, this.rules, this.kpis, this.devices, this.deps.incidents),
      ...maintenanceRoutes(this.maintenance),
    ];
  }

  jobs(sweepMs: number): DefenceJob[] {
    return [
      { name: 'devices.health', everyMs: sweepMs, run: () => this.health.sweep((id) => this.devices.view(id)) },
      { name: 'alarms.floods', everyMs: 15_000, run: () => this.kpis.sweepFloods() },
      { name: 'alarms.shelves', everyMs: sweepMs, run: () => this.alarms.sweepShelves() },
      // incidents a crash left pending are created on the next round
      { name: 'alarms.escalation', everyMs: sweepMs, run: () => this.escalator.run() },
    ];
  }

  /** Starts MQTT; a taken port is said plainly and leaves HTTP ingest working. */
  async startMqtt(announce: (line: string) => void): Promise<void> {
    const s = this.settings.mqtt;
    if (!s.url && s.port === null) return;
    try {
      this.mqtt = await MqttIngest.start(s, this.ingest, this.deps.log);
      announce(this.mqtt.mode === 'external' ? `MQTT: subscribed to ${s.url} (shared subscription $share/railjoint, QoS 1, ${s.connections} connections)` : `MQTT: embedded broker listening on port ${this.mqtt.port} (set MQTT_URL to use an existing broker)`);
    } catch (e) {
      if (e instanceof MqttPortTaken) {
        announce(`MQTT: ${e.message}. Devices can still post signed batches to POST /api/device-events.`);
        return;
      }
      throw e;
    }
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.mqtt?.close();
    await this.ingest.flush();
    await this.escalator.flush();
    await this.refusals.close();
  }
}
