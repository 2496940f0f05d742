import type { Db } from '../../platform/db/database.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { recordChange } from '../../platform/change-log.js';
import type { IncidentService } from '../incidents/service.js';
import type { NetworkService } from '../network/service.js';
import { DEVICE_ACTOR } from '../devices/owner-task.js';
import type { Decision } from './rules.js';
import type { AlarmGroupsTable } from './tables.js';

/**
 * Groups a rule marked for an incident become incidents on the `device` channel, after the ingest
 * transaction committed (an incident has its own). Creation is idempotent by the group's id as
 * the incident's external reference, so a retry after a crash, or two instances at once, make one.
 */
export class Escalator {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly network: NetworkService,
    private readonly outbox: OutboxRelay,
    private readonly onError: (e: unknown) => void,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .then(() => {}, this.onError)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  async run(): Promise<number> {
    const pending = await this.db.kysely.selectFrom('alarm_groups').selectAll().where('incident_state', '=', 'pending').limit(50).execute();
    for (const g of pending) await this.escalate(g);
    return pending.length;
  }

  private async escalate(g: AlarmGroupsTable): Promise<void> {
    const decision = JSON.parse(g.decision!) as Decision;
    const members = await this.db.kysely.selectFrom('alarms').innerJoin('devices', 'devices.id', 'alarms.device_id').select(['alarms.id', 'alarms.condition', 'devices.name', 'devices.lon', 'devices.lat']).where('alarms.group_id', '=', g.id).orderBy('alarms.first_at').execute();
    if (!members.length) return;
    const model = this.network.current();
    const line = g.line_id ? model.line(g.line_id) : undefined;
    const mid = g.from_m !== null && g.to_m !== null ? (g.from_m + g.to_m) / 2 : null;
    const location = line && mid !== null ? { lineId: line.id, mileage: model.atMeasure(line.id, mid).mileage } : { lon: members[0]!.lon, lat: members[0]!.lat };
    const extent = line && g.from_m !== null && g.to_m !== null ? `${line.name} ${model.atMeasure(line.id, g.from_m).mileage}–${model.atMeasure(line.id, g.to_m).mileage}` : members[0]!.name;
    const names = [...new Set(members.map((m) => m.name))].slice(0, 5).join('、');
    const { incident } = await this.incidents.create(
      DEVICE_ACTOR,
      {
        category: decision.category!,
        channel: 'device',
        location,
        description: `技防报警：${names}，${extent}，${members.length} 条报警${g.confirmed ? '，视频已确认' : ''}。规则：${decision.reason}`,
        priority: decision.priority,
        priorityReason: decision.reason,
        occurredAt: g.first_at,
        externalRef: `alarm-group:${g.id}`,
      },
      null,
    );
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('alarm_groups').set({ incident_id: incident.id, incident_state: 'created' }).where('id', '=', g.id).where('incident_state', '=', 'pending').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      await recordChange(trx, DEVICE_ACTOR, 'alarm_group', g.id, 'escalate', { incidentId: incident.id, rule: decision.ruleId });
      await enqueueEvent(trx, { type: 'alarm.escalated', entity: 'alarm', entityId: members[0]!.id, payload: { id: members[0]!.id, groupId: g.id, incidentId: incident.id } });
    });
    this.outbox.kick();
  }
}
