import type { Alarm, AlarmAnnotation, AlarmGroup } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, said } from '../../platform/http/errors.js';
import { alarmScope, canOperateAlarm, canReadAlarm, type DeviceScope } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import { deviceAgencies } from '../devices/service.js';
import type { AlarmsTable, AlarmGroupsTable } from './tables.js';
import { FLOOD_THRESHOLD, FLOOD_WINDOW_MS, inFlood } from './flood.js';
import type { Decision } from './rules.js';

/** The rows of `alarms` a reader may see: ALARM_READ in SQL, through the device's agencies. */
export function alarmsVisibleTo(scope: DeviceScope) {
  return (eb: any) => {
    if (scope.all) return eb.lit(true);
    if (scope.agencyId === null) return eb.or([]);
    return eb.exists(eb.selectFrom('device_agencies as da').select('da.device_id').whereRef('da.device_id', '=', 'alarms.device_id').where('da.agency_id', '=', scope.agencyId));
  };
}

/**
 * Alarms as operators see and handle them: the list (grouped in a flood), acknowledging,
 * shelving for a time with a reason, marking false. Every change is recorded and announced.
 */
export class AlarmService {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly outbox: OutboxRelay,
  ) {}

  async readable(actor: Actor, id: string): Promise<boolean> {
    // the alarm's device's agencies in one read: the live channel asks this for every alarm event
    // and console profile
    const rows = await this.db.kysely
      .selectFrom('alarms')
      .innerJoin('device_agencies', 'device_agencies.device_id', 'alarms.device_id')
      .select(['device_agencies.agency_id', 'device_agencies.relation'])
      .where('alarms.id', '=', id)
      .execute();
    const agencies = deviceAgencies(rows);
    return agencies !== null && canReadAlarm(actor, agencies);
  }

  private async visible(actor: Actor, id: string): Promise<AlarmsTable> {
    if (!(await this.readable(actor, id))) throw notFound('alarm');
    return (await this.db.kysely.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst())!;
  }

  private async present(rows: readonly AlarmsTable[]): Promise<Alarm[]> {
    const ids = [...new Set(rows.map((r) => r.device_id))];
    const devices = ids.length ? await this.db.kysely.selectFrom('devices').select(['id', 'name', 'kind']).where('id', 'in', ids).execute() : [];
    const byId = new Map(devices.map((d) => [d.id, d]));
    const model = this.network.current();
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      deviceName: byId.get(r.device_id)?.name ?? r.device_id,
      deviceKind: (byId.get(r.device_id)?.kind ?? 'fibre_sensor') as Alarm['deviceKind'],
      condition: r.condition as Alarm['condition'],
      state: r.state,
      acknowledged: r.acknowledged === 1,
      acknowledgedBy: r.ack_by,
      acknowledgedAt: r.ack_at,
      shelvedUntil: r.shelved_until,
      shelveReason: r.shelve_reason,
      count: r.count,
      activations: r.activations,
      firstAt: r.first_at,
      lastAt: r.last_at,
      clearedAt: r.cleared_at,
      lineId: r.line_id,
      mileage: r.line_id && r.measure_m !== null && model.line(r.line_id) ? model.atMeasure(r.line_id, r.measure_m).mileage : null,
      groupId: r.group_id,
      chattering: r.chattering === 1,
      suppressed: r.suppressed === 1,
      annotations: JSON.parse(r.annotations) as AlarmAnnotation[],
      falseAlarm: r.false_at ? { by: r.false_by!, at: r.false_at, reason: r.false_reason ?? '' } : null,
    }));
  }

  /** A group as this reader may see it: its extent and members from the alarms they may read. */
  presentGroup(g: AlarmGroupsTable, members: Alarm[], incidentCodes: ReadonlyMap<string, string> = new Map()): AlarmGroup {
    const model = this.network.current();
    const line = g.line_id ? model.line(g.line_id) : undefined;
    const mileage = (m: number | null) => (line && m !== null ? model.atMeasure(line.id, m).mileage : null);
    const decision = g.decision ? (JSON.parse(g.decision) as Decision) : null;
    return {
      id: g.id,
      lineId: g.line_id,
      lineName: line?.name ?? null,
      fromMileage: mileage(g.from_m),
      toMileage: mileage(g.to_m),
      extentM: g.from_m !== null && g.to_m !== null ? Math.round(g.to_m - g.from_m) : 0,
      firstAt: g.first_at,
      lastAt: g.last_at,
      confirmed: g.confirmed === 1,
      decision: decision ? { action: decision.action, ruleId: decision.ruleId, reason: decision.reason } : null,
      incidentId: g.incident_id,
      incidentCode: g.incident_id ? (incidentCodes.get(g.incident_id) ?? null) : null,
      annotations: JSON.parse(g.annotations) as AlarmAnnotation[],
      alarms: members,
    };
  }

  /** The numbers of the groups' incidents, so the console can link to their pages. */
  private async codesOf(groups: readonly AlarmGroupsTable[]): Promise<Map<string, string>> {
    const ids = [...new Set(groups.map((g) => g.incident_id).filter((x): x is string => x !== null))];
    if (!ids.length) return new Map();
    const rows = await this.db.kysely.selectFrom('incidents').select(['id', 'code']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  async get(actor: Actor, id: string): Promise<Alarm> {
    return (await this.present([await this.visible(actor, id)]))[0]!;
  }

  /** How many alarms reached the reader's console in the last ten minutes: over ten is a flood. */
  async recentAtConsole(actor: Actor, atMs: number = now()): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('alarm_activations')
      .innerJoin('alarms', 'alarms.id', 'alarm_activations.alarm_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('alarm_activations.at', '>=', new Date(atMs - FLOOD_WINDOW_MS).toISOString())
      .where(alarmsVisibleTo(alarmScope(actor)))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async list(actor: Actor, q: { state: 'active' | 'cleared' | 'all'; suppressed: 'hide' | 'include'; deviceId?: string; limit: number }) {
    let s = this.db.kysely.selectFrom('alarms').selectAll().where(alarmsVisibleTo(alarmScope(actor))).orderBy('last_at', 'desc').limit(q.limit);
    if (q.state !== 'all') s = s.where('state', '=', q.state);
    if (q.suppressed === 'hide') s = s.where('suppressed', '=', 0);
    if (q.state === 'active') s = s.where((eb) => eb.or([eb('shelved_until', 'is', null), eb('shelved_until', '<', nowIso())]));
    if (q.deviceId) s = s.where('device_id', '=', q.deviceId);
    const alarms = await this.present(await s.execute());
    const recent = await this.recentAtConsole(actor);
    const groupIds = [...new Set(alarms.map((a) => a.groupId).filter((g): g is string => g !== null))];
    const groups = groupIds.length ? await this.db.kysely.selectFrom('alarm_groups').selectAll().where('id', 'in', groupIds).orderBy('last_at', 'desc').execute() : [];
    const codes = await this.codesOf(groups);
    return {
      mode: inFlood(recent) ? ('grouped' as const) : ('list' as const),
      flood: { recent, threshold: FLOOD_THRESHOLD, windowS: FLOOD_WINDOW_MS / 1000 },
      alarms,
      groups: groups.map((g) => this.presentGroup(g, alarms.filter((a) => a.groupId === g.id), codes)),
    };
  }

  async group(actor: Actor, id: string): Promise<AlarmGroup> {
    const g = await this.db.kysely.selectFrom('alarm_groups').selectAll().where('id', '=', id).executeTakeFirst();
    if (!g) throw notFound('alarm group');
    const rows = await this.db.kysely.selectFrom('alarms').selectAll().where('group_id', '=', id).where(alarmsVisibleTo(alarmScope(actor))).execute();
    if (!rows.length) throw notFound('alarm group');
    return this.presentGroup(g, await this.present(rows), await this.codesOf([g]));
  }

  private async change(actor: Actor, id: string, f: (a: AlarmsTable) => { patch: Partial<AlarmsTable>; action: string; type: 'alarm.acknowledged' | 'alarm.shelved' | 'alarm.unshelved' | 'alarm.marked_false'; detail: Record<string, unknown> }): Promise<Alarm> {
    const a = await this.visible(actor, id);
    if (!canOperateAlarm(actor)) throw forbidden(said('只有值班人员可以确认、搁置或标记报警', 'only people on duty acknowledge, shelve or mark alarms'));
    const { patch, action, type, detail } = f(a);
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('alarms').set({ ...patch, version: a.version + 1 }).where('id', '=', id).where('version', '=', a.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该报警已被他人更新，请刷新后重试', 'the alarm changed meanwhile; reload and try again'));
      await recordChange(trx, actor, 'alarm', id, action, detail);
      await enqueueEvent(trx, { type, entity: 'alarm', entityId: id, payload: { id, by: actor.username } });
    });
    this.outbox.kick();
    return this.get(actor, id);
  }

  acknowledge(actor: Actor, id: string, note?: string) {
    return this.change(actor, id, (a) => {
      if (a.acknowledged === 1) throw conflict('already_acknowledged', said('该报警已确认', 'the alarm is already acknowledged'));
      return { patch: { acknowledged: 1, ack_by: actor.username, ack_at: nowIso() }, action: 'acknowledge', type: 'alarm.acknowledged', detail: { note: note ?? null } };
    });
  }

  shelve(actor: Actor, id: string, reason: string, minutes: number) {
    const until = new Date(now() + minutes * 60_000).toISOString();
    return this.change(actor, id, () => ({ patch: { shelved_until: until, shelve_reason: reason, shelved_by: actor.username }, action: 'shelve', type: 'alarm.shelved', detail: { reason, until } }));
  }

  unshelve(actor: Actor, id: string) {
    return this.change(actor, id, (a) => {
      if (!a.shelved_until) throw conflict('not_shelved', said('该报警未被搁置', 'the alarm is not shelved'));
      return { patch: { shelved_until: null, shelve_reason: null, shelved_by: null }, action: 'unshelve', type: 'alarm.unshelved', detail: {} };
    });
  }

  markFalse(actor: Actor, id: string, reason: string) {
    return this.change(actor, id, (a) => {
      if (a.false_at) throw conflict('already_false', said('该报警已标记为误报', 'the alarm is already marked false'));
      const at = nowIso();
      // a false alarm needs no more attention: it is acknowledged with the mark
      return { patch: { false_by: actor.username, false_at: at, false_reason: reason, acknowledged: 1, ack_by: a.ack_by ?? actor.username, ack_at: a.ack_at ?? at }, action: 'mark_false', type: 'alarm.marked_false', detail: { reason } };
    });
  }

  /** Shelves whose time is up come back by themselves. */
  async sweepShelves(at: string = nowIso()): Promise<number> {
    const due = await this.db.kysely.selectFrom('alarms').select(['id', 'version']).where('shelved_until', '<', at).limit(500).execute();
    for (const a of due) {
      await this.db.kysely.transaction().execute(async (trx) => {
        const res = await trx.updateTable('alarms').set({ shelved_until: null, shelve_reason: null, shelved_by: null, version: a.version + 1 }).where('id', '=', a.id).where('version', '=', a.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) await enqueueEvent(trx, { type: 'alarm.unshelved', entity: 'alarm', entityId: a.id, payload: { id: a.id, by: 'system' } });
      });
    }
    if (due.length) this.outbox.kick();
    return due.length;
  }

  /** For the readers of the live channel: an unknown id is simply unreadable. */
  async safeReadable(actor: Actor, id: string): Promise<boolean> {
    return this.readable(actor, id).catch((e: unknown) => (e instanceof HttpError && e.status === 404 ? false : Promise.reject(e)));
  }
}
