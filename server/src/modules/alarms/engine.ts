import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AlarmAnnotation, AlarmRule, DeviceEventType } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import type { DeviceView } from '../devices/registry.js';
import type { TaskService } from '../command/task-service.js';
import { issueOwnerTask } from '../devices/owner-task.js';
import type { AlarmsTable, AlarmGroupsTable } from './tables.js';
import { correlate, DEFAULT_CORRELATION, extend, type CorrelationParams } from './correlate.js';
import { isChattering, recordActivation } from './chatter.js';
import { mergeAnnotations, trainAnnotation, windowAnnotation, type WindowView } from './context.js';
import { beijingMinuteOfDay, decide, stronger, type Decision, type GroupFacts } from './rules.js';

/** One accepted device event, with the context found before the transaction began. */
export interface AlarmInput {
  device: DeviceView;
  condition: DeviceEventType;
  clear: boolean;
  atMs: number;
  measureM: number | null;
  /** the train the timetable places at the sensor then, when it explains a vibration */
  train: { train: string; atMs: number } | null;
  windows: readonly WindowView[];
}

/** What the rules need of the network where a group lies (kept outside so this stays about alarms). */
export interface PlaceFacts {
  placeKind(lineId: string, measureM: number): GroupFacts['placeKind'];
  highSpeed(lineId: string): boolean;
}

export interface EngineOptions {
  correlation: CorrelationParams;
  /** an alarm repeating this soon after its last alarm.updated event sends none (the list shows the count) */
  updateEventEveryMs: number;
}

const DEFAULTS: EngineOptions = { correlation: DEFAULT_CORRELATION, updateEventEveryMs: 5000 };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Turns accepted device events into alarms inside the ingest batch's transaction: one alarm per
 * device and condition (repeats count), activations and clears, chattering suppression with a
 * notice to the owner, correlation into groups along the line, context annotations and the rules'
 * decision. Incidents are created after commit by the escalator (a group marked pending).
 */
export class AlarmEngine {
  private readonly options: EngineOptions;

  constructor(
    private readonly tasks: TaskService,
    private readonly place: PlaceFacts,
    options: Partial<EngineOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Returns the alarm the event raised or updated (null when nothing: a clear with no alarm). */
  async apply(trx: Kysely<Database>, input: AlarmInput, rules: readonly AlarmRule[]): Promise<string | null> {
    const { device, condition, atMs } = input;
    const at = iso(atMs);
    const current = await trx
      .selectFrom('alarms')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('condition', '=', condition)
      .where((eb) => eb.or([eb('state', '=', 'active'), eb('acknowledged', '=', 0)]))
      .orderBy('first_at', 'desc')
      .executeTakeFirst();
    if (input.clear) return current ? this.clear(trx, current, at) : null;

    // a passing train explains a vibration: recorded, explained, and cleared at once (raises nothing)
    if (input.train && !(current && current.state === 'active' && current.suppressed === 0)) {
      return this.explained(trx, input, current, at);
    }
    const windowNotes = input.windows.map(windowAnnotation);
    if (current && current.state === 'active') return this.repeat(trx, current, input, at, windowNotes, rules);
    return this.activate(trx, current, input, at, windowNotes, rules);
  }

  private async clear(trx: Kysely<Database>, a: AlarmsTable, at: string): Promise<string> {
    if (a.state === 'cleared') return a.id;
    await trx.updateTable('alarms').set({ state: 'cleared', cleared_at: at, version: a.version + 1 }).where('id', '=', a.id).execute();
    if (a.suppressed === 0) await enqueueEvent(trx, { type: 'alarm.cleared', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id } });
    return a.id;
  }

  private async explained(trx: Kysely<Database>, input: AlarmInput, current: AlarmsTable | undefined, at: string): Promise<string> {
    const note = trainAnnotation(input.train!);
    if (current) {
      const annotations = mergeAnnotations(JSON.parse(current.annotations) as AlarmAnnotation[], [note]);
      await trx.updateTable('alarms').set({ count: current.count + 1, last_at: at, annotations: JSON.stringify(annotations), version: current.version + 1 }).where('id', '=', current.id).execute();
      return current.id;
    }
    const row = this.newRow(input, at, [note]);
    // nothing to acknowledge: the timetable explained it
    await trx.insertInto('alarms').values({ ...row, state: 'cleared', cleared_at: at, suppressed: 1, acknowledged: 1, ack_by: 'system', ack_at: at }).execute();
    return row.id;
  }

  private newRow(input: AlarmInput, at: string, annotations: AlarmAnnotation[]): AlarmsTable {
    return {
      id: crypto.randomUUID(),
      device_id: input.device.id,
      condition: input.condition,
      state: 'active',
      acknowledged: 0,
      ack_by: null,
      ack_at: null,
      shelved_until: null,
      shelve_reason: null,
      shelved_by: null,
      count: 1,
      activations: 1,
      recent: JSON.stringify([input.atMs]),
      first_at: at,
      last_at: at,
      cleared_at: null,
      line_id: input.device.lineId,
      measure_m: input.measureM,
      group_id: null,
      chattering: 0,
      suppressed: 0,
      annotations: JSON.stringify(annotations),
      false_by: null,
      false_at: null,
      false_reason: null,
      notified_at: at,
      version: 1,
    };
  }

  /** A new alarm, or one cleared but not yet acknowledged coming back. */
  private async activate(trx: Kysely<Database>, current: AlarmsTable | undefined, input: AlarmInput, at: string, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): Promise<string> {
    let a: AlarmsTable;
    if (current) {
      const recent = recordActivation(JSON.parse(current.recent) as number[], input.atMs);
      a = {
        ...current,
        state: 'active',
        cleared_at: null,
        count: current.count + 1,
        activations: current.activations + 1,
        recent: JSON.stringify(recent),
        last_at: at,
        measure_m: input.measureM ?? current.measure_m,
        annotations: JSON.stringify(mergeAnnotations(JSON.parse(current.annotations) as AlarmAnnotation[], notes)),
        notified_at: at,
        version: current.version + 1,
      };
    } else a = this.newRow(input, at, notes);
    const newlyChattering = a.chattering === 0 && isChattering(JSON.parse(a.recent) as number[], input.atMs);
    if (newlyChattering) {
      a.chattering = 1;
      a.suppressed = 1;
      a.annotations = JSON.stringify(mergeAnnotations(JSON.parse(a.annotations) as AlarmAnnotation[], [{ kind: 'chattering', text: '一分钟内三次以上报警：已抑制，已通知设备责任单位', ref: null }]));
    }
    if (a.suppressed === 0) a.group_id = await this.correlate(trx, a, input, notes, rules);
    if (current) await trx.updateTable('alarms').set(a).where('id', '=', a.id).execute();
    else await trx.insertInto('alarms').values(a).execute();
    if (a.suppressed === 0) {
      await trx.insertInto('alarm_activations').values({ alarm_id: a.id, device_id: a.device_id, at }).execute();
      await enqueueEvent(trx, { type: 'alarm.raised', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id, condition: a.condition, groupId: a.group_id } });
    }
    if (newlyChattering) {
      await issueOwnerTask(trx, this.tasks, {
        toAgencyId: input.device.ownerAgencyId,
        title: `设备频繁报警检查：${input.device.name}（${input.device.id}）`,
        detail: `${input.device.name} 一分钟内报警三次以上（${input.condition}），平台已抑制其报警：请检查安装、灵敏度与线缆，处理后在任务中回复。`,
        at,
        deadlineMs: input.atMs + 72 * 3600_000,
      });
      await enqueueEvent(trx, { type: 'alarm.chattering', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id } });
    }
    return a.id;
  }

  private async repeat(trx: Kysely<Database>, a: AlarmsTable, input: AlarmInput, at: string, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): Promise<string> {
    const next: AlarmsTable = {
      ...a,
      count: a.count + 1,
      last_at: at > a.last_at ? at : a.last_at,
      measure_m: input.measureM ?? a.measure_m,
      annotations: JSON.stringify(mergeAnnotations(JSON.parse(a.annotations) as AlarmAnnotation[], notes)),
      version: a.version + 1,
    };
    if (a.suppressed === 0) next.group_id = await this.correlate(trx, next, input, notes, rules);
    const notify = a.suppressed === 0 && (next.group_id !== a.group_id || !a.notified_at || input.atMs - Date.parse(a.notified_at) >= this.options.updateEventEveryMs);
    if (notify) next.notified_at = at;
    await trx.updateTable('alarms').set(next).where('id', '=', a.id).execute();
    if (notify) await enqueueEvent(trx, { type: 'alarm.updated', entity: 'alarm', entityId: a.id, payload: { id: a.id, count: next.count, groupId: next.group_id } });
    return a.id;
  }

  /** The group the activation joins (or a new one), its extent and decision brought up to date. */
  private async correlate(trx: Kysely<Database>, a: AlarmsTable, input: AlarmInput, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): Promise<string> {
    const { device, atMs } = input;
    const since = iso(atMs - this.options.correlation.windowMs);
    const isCamera = device.kind === 'camera';
    const stretch = isCamera && device.fromM !== null && device.toM !== null ? { fromM: Math.min(device.fromM, device.toM), toM: Math.max(device.fromM, device.toM) } : null;
    const reach = this.options.correlation.distanceM;
    const lo = (stretch?.fromM ?? input.measureM ?? 0) - reach;
    const hi = (stretch?.toM ?? input.measureM ?? 0) + reach;
    const candidates: AlarmGroupsTable[] = device.lineId
      ? await trx.selectFrom('alarm_groups').selectAll().where('line_id', '=', device.lineId).where('last_at', '>=', since).where('from_m', '<=', hi).where('to_m', '>=', lo).execute()
      : a.group_id
        ? await trx.selectFrom('alarm_groups').selectAll().where('id', '=', a.group_id).where('last_at', '>=', since).execute()
        : [];
    const joined = correlate(
      candidates.map((g) => ({ id: g.id, lineId: g.line_id, fromM: g.from_m, toM: g.to_m, lastAtMs: Date.parse(g.last_at), deviceIds: g.id === a.group_id ? [device.id] : [] })),
      { deviceId: device.id, lineId: device.lineId, measureM: input.measureM, stretch, atMs },
      this.options.correlation,
    );
    const at = iso(atMs);
    let g: AlarmGroupsTable;
    const old = joined ? candidates.find((c) => c.id === joined)! : null;
    if (old) {
      const ext = extend({ fromM: old.from_m, toM: old.to_m }, input.measureM, isCamera);
      g = { ...old, from_m: ext.fromM, to_m: ext.toM, last_at: at > old.last_at ? at : old.last_at, confirmed: old.confirmed || (isCamera ? 1 : 0), annotations: JSON.stringify(mergeAnnotations(JSON.parse(old.annotations) as AlarmAnnotation[], notes)) };
    } else {
      const ext = extend({ fromM: null, toM: null }, input.measureM, isCamera);
      g = { id: crypto.randomUUID(), line_id: device.lineId, from_m: ext.fromM ?? stretch?.fromM ?? null, to_m: ext.toM ?? stretch?.toM ?? null, first_at: at, last_at: at, confirmed: isCamera ? 1 : 0, annotations: JSON.stringify(notes), decision: null, incident_id: null, incident_state: null, created_at: at };
    }
    // a repeat that changes nothing the rules look at (place, extent, confirmation, context) only moves the time on
    if (old && a.group_id === old.id && g.from_m === old.from_m && g.to_m === old.to_m && g.confirmed === old.confirmed && g.annotations === old.annotations) {
      if (g.last_at !== old.last_at) await trx.updateTable('alarm_groups').set({ last_at: g.last_at }).where('id', '=', g.id).execute();
      return g.id;
    }
    const decision = await this.decideFor(trx, g, a, input, rules);
    const previous = g.decision ? (JSON.parse(g.decision) as Decision) : null;
    if (!previous || stronger(decision.action, previous.action)) {
      g.decision = JSON.stringify(decision);
      if (decision.action === 'incident' && !g.incident_state) g.incident_state = 'pending';
    }
    if (old) await trx.updateTable('alarm_groups').set(g).where('id', '=', g.id).execute();
    else await trx.insertInto('alarm_groups').values(g).execute();
    return g.id;
  }

  private async decideFor(trx: Kysely<Database>, g: AlarmGroupsTable, a: AlarmsTable, input: AlarmInput, rules: readonly AlarmRule[]): Promise<Decision> {
    const members = await trx.selectFrom('alarms').innerJoin('devices', 'devices.id', 'alarms.device_id').select(['alarms.id', 'alarms.condition', 'devices.kind']).where('alarms.group_id', '=', g.id).execute();
    const all = [...members.filter((m) => m.id !== a.id), { id: a.id, condition: a.condition, kind: input.device.kind }];
    const mid = g.from_m !== null && g.to_m !== null ? (g.from_m + g.to_m) / 2 : null;
    const crew = input.windows[0]?.crew ?? (JSON.parse(g.annotations) as AlarmAnnotation[]).find((n) => n.kind === 'maintenance_window')?.text ?? null;
    const facts: GroupFacts = {
      deviceKinds: [...new Set(all.map((m) => m.kind as DeviceView['kind']))],
      conditions: [...new Set(all.map((m) => m.condition))],
      placeKind: g.line_id && mid !== null ? this.place.placeKind(g.line_id, mid) : null,
      highSpeed: g.line_id ? this.place.highSpeed(g.line_id) : false,
      minuteOfDay: beijingMinuteOfDay(input.atMs),
      confirmed: g.confirmed === 1,
      extentM: g.from_m !== null && g.to_m !== null ? g.to_m - g.from_m : 0,
      maintenanceCrew: crew,
    };
    return decide(rules, facts);
  }
}
