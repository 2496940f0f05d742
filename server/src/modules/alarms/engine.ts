import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NewEvent } from '../../platform/bus/outbox.js';
import { enqueueEvents } from '../../platform/bus/outbox.js';
import type { AlarmAnnotation, AlarmRule, DeviceEventType } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
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

/** Rows per multi-row statement (well inside SQLite's and PostgreSQL's limits on parameters). */
const CHUNK = 200;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Events for the outbox, kept in order and written together; flushed before anything else writes events. */
export class EventBuffer {
  private pending: NewEvent[] = [];

  push(e: NewEvent): void {
    this.pending.push(e);
  }

  async flush(trx: Kysely<Database>): Promise<void> {
    if (!this.pending.length) return;
    const events = this.pending;
    this.pending = [];
    await enqueueEvents(trx, events);
  }
}

interface Member {
  condition: string;
  kind: string;
}

/**
 * One ingest batch's view of alarms and groups: read at once when the batch begins (the open
 * alarms of its devices, the groups its events could join, their members), changed in memory
 * event by event, and written back at the end with a few multi-row statements. Processing the
 * events in order against this view gives what processing them one by one against the database
 * gives (the equivalence test feeds the same events both ways).
 */
export class AlarmBatch {
  /** every alarm row the batch has read or written, as it stands now */
  readonly alarms = new Map<string, AlarmsTable>();
  /** device|condition → ids of rows that were open when read, or written since */
  private readonly byKey = new Map<string, string[]>();
  readonly groups = new Map<string, AlarmGroupsTable>();
  /** line → its groups' ids, in the order of `groups`: an event looks only at its own line's */
  private readonly groupsByLine = new Map<string, Set<string>>();
  /** group → its alarms (what the rules look at), for the groups read or made */
  readonly members = new Map<string, Map<string, Member>>();
  private readonly dirtyAlarms = new Set<string>();
  private readonly dirtyGroups = new Set<string>();
  private readonly activations: Array<{ alarm_id: string; device_id: string; at: string }> = [];
  readonly events = new EventBuffer();

  remember(a: AlarmsTable): void {
    this.alarms.set(a.id, a);
    const key = `${a.device_id}|${a.condition}`;
    const ids = this.byKey.get(key);
    if (!ids) this.byKey.set(key, [a.id]);
    else if (!ids.includes(a.id)) ids.push(a.id);
  }

  /** The alarm the device and condition stand at: active, or cleared and not yet acknowledged; the latest first. */
  current(deviceId: string, condition: string): AlarmsTable | undefined {
    let best: AlarmsTable | undefined;
    for (const id of this.byKey.get(`${deviceId}|${condition}`) ?? []) {
      const a = this.alarms.get(id)!;
      if (!(a.state === 'active' || a.acknowledged === 0)) continue;
      if (!best || a.first_at > best.first_at) best = a;
    }
    return best;
  }

  putAlarm(a: AlarmsTable, kind: string): void {
    const before = this.alarms.get(a.id);
    if (before?.group_id && before.group_id !== a.group_id) this.members.get(before.group_id)?.delete(a.id);
    if (a.group_id) this.members.get(a.group_id)?.set(a.id, { condition: a.condition, kind });
    this.remember(a);
    this.dirtyAlarms.add(a.id);
  }

  /** A group as read at the start of the batch. */
  addGroup(g: AlarmGroupsTable): void {
    this.groups.set(g.id, g);
    this.members.set(g.id, new Map());
    this.indexGroup(g);
  }

  putGroup(g: AlarmGroupsTable): void {
    if (!this.members.has(g.id)) this.members.set(g.id, new Map());
    this.groups.set(g.id, g);
    this.indexGroup(g);
    this.dirtyGroups.add(g.id);
  }

  /** The groups on a line, as they stand now. */
  *groupsOn(lineId: string): Iterable<AlarmGroupsTable> {
    for (const id of this.groupsByLine.get(lineId) ?? []) yield this.groups.get(id)!;
  }

  private indexGroup(g: AlarmGroupsTable): void {
    if (g.line_id === null) return;
    const ids = this.groupsByLine.get(g.line_id);
    if (ids) ids.add(g.id);
    else this.groupsByLine.set(g.line_id, new Set([g.id]));
  }

  activation(row: { alarm_id: string; device_id: string; at: string }): void {
    this.activations.push(row);
  }

  /** Writes what changed: groups, alarms (inserted or updated in one statement per chunk), activations, events. */
  async write(trx: Kysely<Database>): Promise<void> {
    const groups = [...this.dirtyGroups].map((id) => this.groups.get(id)!);
    for (const part of chunks(groups)) {
      await trx
        .insertInto('alarm_groups')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            line_id: (eb) => eb.ref('excluded.line_id'),
            from_m: (eb) => eb.ref('excluded.from_m'),
            to_m: (eb) => eb.ref('excluded.to_m'),
            first_at: (eb) => eb.ref('excluded.first_at'),
            last_at: (eb) => eb.ref('excluded.last_at'),
            confirmed: (eb) => eb.ref('excluded.confirmed'),
            annotations: (eb) => eb.ref('excluded.annotations'),
            decision: (eb) => eb.ref('excluded.decision'),
            // the escalator owns the incident once it has one: only a pending mark is added here
            incident_state: sql<AlarmGroupsTable['incident_state']>`coalesce(alarm_groups.incident_state, excluded.incident_state)`,
          }),
        )
        .execute();
    }
    const alarms = [...this.dirtyAlarms].map((id) => this.alarms.get(id)!);
    const columns = alarms.length ? (Object.keys(alarms[0]!).filter((c) => c !== 'id') as Array<Exclude<keyof AlarmsTable, 'id'>>) : [];
    for (const part of chunks(alarms)) {
      await trx
        .insertInto('alarms')
        .values(part)
        .onConflict((oc) => oc.column('id').doUpdateSet(Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never))
        .execute();
    }
    for (const part of chunks(this.activations)) await trx.insertInto('alarm_activations').values(part).execute();
    await this.events.flush(trx);
    this.dirtyAlarms.clear();
    this.dirtyGroups.clear();
    this.activations.length = 0;
  }
}

/**
 * Turns accepted device events into alarms inside the ingest batch's transaction: one alarm per
 * device and condition (repeats count), activations and clears, chattering suppression with a
 * notice to the owner, correlation into groups along the line, context annotations and the rules'
 * decision. Incidents are created after commit by the escalator (a group marked pending). A batch
 * reads what its events need at once (begin), applies them in order in memory (apply) and writes
 * back with a bounded number of statements (AlarmBatch.write).
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

  /** Reads, in a handful of statements, everything the batch's events can touch. */
  async begin(trx: Kysely<Database>, inputs: readonly AlarmInput[]): Promise<AlarmBatch> {
    const b = new AlarmBatch();
    const live = inputs;
    if (!live.length) return b;
    const deviceIds = [...new Set(live.map((i) => i.device.id))];
    for (const part of chunks(deviceIds, 500)) {
      const rows = await trx
        .selectFrom('alarms')
        .selectAll()
        .where('device_id', 'in', part)
        .where((eb) => eb.or([eb('state', '=', 'active'), eb('acknowledged', '=', 0)]))
        .orderBy('first_at', 'desc')
        .execute();
      for (const r of rows) b.remember(r);
    }
    const reach = this.options.correlation.distanceM;
    const since = iso(Math.min(...live.map((i) => i.atMs)) - this.options.correlation.windowMs);
    // per line, the stretch any event could join a group in
    const span = new Map<string, { lo: number; hi: number }>();
    for (const i of live) {
      if (!i.device.lineId) continue;
      const { lo, hi } = this.reachOf(i, reach);
      const s = span.get(i.device.lineId);
      span.set(i.device.lineId, s ? { lo: Math.min(s.lo, lo), hi: Math.max(s.hi, hi) } : { lo, hi });
    }
    const found: AlarmGroupsTable[] = [];
    if (span.size) {
      found.push(
        ...(await trx
          .selectFrom('alarm_groups')
          .selectAll()
          .where('last_at', '>=', since)
          .where((eb) => eb.or([...span].map(([line, s]) => eb.and([eb('line_id', '=', line), eb('from_m', '<=', s.hi), eb('to_m', '>=', s.lo)]))))
          .execute()),
      );
    }
    // an event off the line can join only its own alarm's group
    const own = [...new Set(live.filter((i) => !i.device.lineId).flatMap((i) => [...b.alarms.values()].filter((a) => a.device_id === i.device.id && a.group_id).map((a) => a.group_id!)))];
    for (const part of chunks(own, 500)) found.push(...(await trx.selectFrom('alarm_groups').selectAll().where('id', 'in', part).where('last_at', '>=', since).execute()));
    for (const g of found) b.addGroup(g);
    for (const part of chunks([...b.groups.keys()], 500)) {
      const rows = await trx.selectFrom('alarms').innerJoin('devices', 'devices.id', 'alarms.device_id').select(['alarms.id', 'alarms.condition', 'alarms.group_id', 'devices.kind']).where('alarms.group_id', 'in', part).execute();
      for (const r of rows) b.members.get(r.group_id!)!.set(r.id, { condition: r.condition, kind: r.kind });
    }
    return b;
  }

  private reachOf(input: AlarmInput, reach: number): { lo: number; hi: number; stretch: { fromM: number; toM: number } | null } {
    const { device } = input;
    const stretch = device.kind === 'camera' && device.fromM !== null && device.toM !== null ? { fromM: Math.min(device.fromM, device.toM), toM: Math.max(device.fromM, device.toM) } : null;
    return { lo: (stretch?.fromM ?? input.measureM ?? 0) - reach, hi: (stretch?.toM ?? input.measureM ?? 0) + reach, stretch };
  }

  /** Applies one event to the batch; returns the alarm it raised or updated (null when nothing: a clear with no alarm). */
  async apply(trx: Kysely<Database>, b: AlarmBatch, input: AlarmInput, rules: readonly AlarmRule[]): Promise<string | null> {
    const { device, condition, atMs } = input;
    const at = iso(atMs);
    const current = b.current(device.id, condition);
    if (input.clear) return current ? this.clear(b, current, at, device.kind) : null;

    // a passing train explains a vibration: recorded, explained, and cleared at once (raises nothing)
    if (input.train && !(current && current.state === 'active' && current.suppressed === 0)) {
      return this.explained(b, input, current, at);
    }
    const windowNotes = input.windows.map(windowAnnotation);
    if (current && current.state === 'active') return this.repeat(b, current, input, at, windowNotes, rules);
    return this.activate(trx, b, current, input, at, windowNotes, rules);
  }

  private clear(b: AlarmBatch, a: AlarmsTable, at: string, kind: string): string {
    if (a.state === 'cleared') return a.id;
    b.putAlarm({ ...a, state: 'cleared', cleared_at: at, version: a.version + 1 }, kind);
    if (a.suppressed === 0) b.events.push({ type: 'alarm.cleared', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id } });
    return a.id;
  }

  private explained(b: AlarmBatch, input: AlarmInput, current: AlarmsTable | undefined, at: string): string {
    const note = trainAnnotation(input.train!);
    if (current) {
      const annotations = mergeAnnotations(JSON.parse(current.annotations) as AlarmAnnotation[], [note]);
      b.putAlarm({ ...current, count: current.count + 1, last_at: at, annotations: JSON.stringify(annotations), version: current.version + 1 }, input.device.kind);
      return current.id;
    }
    const row = this.newRow(input, at, [note]);
    // nothing to acknowledge: the timetable explained it
    b.putAlarm({ ...row, state: 'cleared', cleared_at: at, suppressed: 1, acknowledged: 1, ack_by: 'system', ack_at: at }, input.device.kind);
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
  private async activate(trx: Kysely<Database>, b: AlarmBatch, current: AlarmsTable | undefined, input: AlarmInput, at: string, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): Promise<string> {
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
    if (a.suppressed === 0) a.group_id = this.correlate(b, a, input, notes, rules).groupId;
    b.putAlarm(a, input.device.kind);
    if (a.suppressed === 0) {
      b.activation({ alarm_id: a.id, device_id: a.device_id, at });
      b.events.push({ type: 'alarm.raised', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id, condition: a.condition, groupId: a.group_id } });
    }
    if (newlyChattering) {
      // the task service writes its own events: those buffered so far go first, so the order stays
      await b.events.flush(trx);
      await issueOwnerTask(trx, this.tasks, {
        toAgencyId: input.device.ownerAgencyId,
        title: `设备频繁报警检查：${input.device.name}（${input.device.id}）`,
        detail: `${input.device.name} 一分钟内报警三次以上（${input.condition}），平台已抑制其报警：请检查安装、灵敏度与线缆，处理后在任务中回复。`,
        at,
        deadlineMs: input.atMs + 72 * 3600_000,
      });
      b.events.push({ type: 'alarm.chattering', entity: 'alarm', entityId: a.id, payload: { id: a.id, deviceId: a.device_id } });
    }
    return a.id;
  }

  private repeat(b: AlarmBatch, a: AlarmsTable, input: AlarmInput, at: string, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): string {
    const next: AlarmsTable = {
      ...a,
      count: a.count + 1,
      last_at: at > a.last_at ? at : a.last_at,
      measure_m: input.measureM ?? a.measure_m,
      // most repeats bring no note: the stored text stays as it is, unparsed
      annotations: notes.length ? JSON.stringify(mergeAnnotations(JSON.parse(a.annotations) as AlarmAnnotation[], notes)) : a.annotations,
      version: a.version + 1,
    };
    // a repeat that moves its group on (an intruder walking the fence widens the extent) is news at
    // once; one that only counts again is told at most every few seconds
    const joined = a.suppressed === 0 ? this.correlate(b, next, input, notes, rules) : null;
    if (joined) next.group_id = joined.groupId;
    const notify = a.suppressed === 0 && (next.group_id !== a.group_id || joined?.changed === true || !a.notified_at || input.atMs - Date.parse(a.notified_at) >= this.options.updateEventEveryMs);
    if (notify) next.notified_at = at;
    b.putAlarm(next, input.device.kind);
    if (notify) b.events.push({ type: 'alarm.updated', entity: 'alarm', entityId: a.id, payload: { id: a.id, count: next.count, groupId: next.group_id } });
    return a.id;
  }

  /** The group the activation joins (or a new one), its extent and decision brought up to date. */
  private correlate(b: AlarmBatch, a: AlarmsTable, input: AlarmInput, notes: AlarmAnnotation[], rules: readonly AlarmRule[]): { groupId: string; changed: boolean } {
    const { device, atMs } = input;
    const since = iso(atMs - this.options.correlation.windowMs);
    const isCamera = device.kind === 'camera';
    const { lo, hi, stretch } = this.reachOf(input, this.options.correlation.distanceM);
    const candidates: AlarmGroupsTable[] = [];
    // on a line, the line's groups within reach; off it, only the alarm's own group
    const own = !device.lineId && a.group_id !== null ? b.groups.get(a.group_id) : undefined;
    for (const g of device.lineId ? b.groupsOn(device.lineId) : own ? [own] : []) {
      if (g.last_at < since) continue;
      if (!device.lineId || (g.from_m !== null && g.from_m <= hi && g.to_m !== null && g.to_m >= lo)) candidates.push(g);
    }
    // the order the database's index gives (line, last activation), so ties fall the same way
    candidates.sort((x, y) => (x.last_at < y.last_at ? -1 : x.last_at > y.last_at ? 1 : x.first_at < y.first_at ? -1 : x.first_at > y.first_at ? 1 : 0));
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
      g = { ...old, from_m: ext.fromM, to_m: ext.toM, last_at: at > old.last_at ? at : old.last_at, confirmed: old.confirmed || (isCamera ? 1 : 0), annotations: notes.length ? JSON.stringify(mergeAnnotations(JSON.parse(old.annotations) as AlarmAnnotation[], notes)) : old.annotations };
    } else {
      const ext = extend({ fromM: null, toM: null }, input.measureM, isCamera);
      g = { id: crypto.randomUUID(), line_id: device.lineId, from_m: ext.fromM ?? stretch?.fromM ?? null, to_m: ext.toM ?? stretch?.toM ?? null, first_at: at, last_at: at, confirmed: isCamera ? 1 : 0, annotations: JSON.stringify(notes), decision: null, incident_id: null, incident_state: null, created_at: at };
    }
    // a repeat that changes nothing the rules look at (place, extent, confirmation, context) only moves the time on
    if (old && a.group_id === old.id && g.from_m === old.from_m && g.to_m === old.to_m && g.confirmed === old.confirmed && g.annotations === old.annotations) {
      if (g.last_at !== old.last_at) b.putGroup({ ...old, last_at: g.last_at });
      return { groupId: g.id, changed: false };
    }
    const decision = this.decideFor(b, g, a, input, rules);
    const previous = g.decision ? (JSON.parse(g.decision) as Decision) : null;
    if (!previous || stronger(decision.action, previous.action)) {
      g.decision = JSON.stringify(decision);
      if (decision.action === 'incident' && !g.incident_state) g.incident_state = 'pending';
    }
    b.putGroup(g);
    return { groupId: g.id, changed: true };
  }

  private decideFor(b: AlarmBatch, g: AlarmGroupsTable, a: AlarmsTable, input: AlarmInput, rules: readonly AlarmRule[]): Decision {
    const members = [...(b.members.get(g.id)?.entries() ?? [])].map(([id, m]) => ({ id, ...m }));
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
