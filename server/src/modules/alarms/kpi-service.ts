import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { KPI_HOURLY_MAX_DAYS, type AlarmKpis, type DeviceFalseAlarms, type FalseAlarmRates } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now } from '../../platform/clock.js';
import { alarmScope, deviceScope } from '../../platform/policies.js';
import type { OrganisationService } from '../organisation/service.js';
import { availability } from '../devices/health.js';
import { displayNames } from '../users/display-names.js';
import { devicesVisibleTo } from '../devices/service.js';
import { alarmsVisibleTo } from './service.js';
import { byKind as falseByKind, daily, falseRate, period, rankDevices } from './false-rates.js';
import { hourlyAndDaily, kpiPeriod } from './kpi-period.js';
import { ACCEPTABLE_PER_HOUR, FLOOD_THRESHOLD, FLOOD_WINDOW_MS, floodShare, floodTransition, MANAGEABLE_PER_HOUR } from './flood.js';

const FLOOD_LOCK = 730_112;
type Kind = AlarmKpis['falseAlarms']['byKind'][number]['kind'];
const STALE_MS = 24 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The ISA-18.2 / EEMUA 191 figures per console, over a period: alarms per hour against the
 * targets, share of time in flood, the ten most frequent alarms, chattering and stale ones,
 * false-alarm rates per device and kind, and device availability. Each reader gets them for the
 * alarms and devices they may read; the centre's console is every alarm.
 */
export class KpiService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
  ) {}

  /** The consoles that exist: each centre (every alarm) and each agency some device names. */
  private async consoles(k: Kysely<Database>): Promise<Array<{ id: string; all: boolean }>> {
    const centres = this.org.agencies().filter((a) => a.type === 'coordination_centre').map((a) => ({ id: a.id, all: true }));
    const others = await k.selectFrom('device_agencies').select('agency_id').distinct().execute();
    return [...centres, ...others.filter((o) => !centres.some((c) => c.id === o.agency_id)).map((o) => ({ id: o.agency_id, all: false }))];
  }

  private async recentCounts(k: Kysely<Database>, atMs: number): Promise<{ total: number; byAgency: Map<string, number> }> {
    const since = iso(atMs - FLOOD_WINDOW_MS);
    const total = await k.selectFrom('alarm_activations').select((eb) => eb.fn.countAll().as('n')).where('at', '>=', since).executeTakeFirst();
    const rows = await k
      .selectFrom('alarm_activations as aa')
      .innerJoin('device_agencies as da', 'da.device_id', 'aa.device_id')
      .select(['da.agency_id', (eb) => eb.fn.count('aa.id').distinct().as('n')])
      .where('aa.at', '>=', since)
      .groupBy('da.agency_id')
      .execute();
    return { total: Number(total?.n ?? 0), byAgency: new Map(rows.map((r) => [r.agency_id, Number(r.n)])) };
  }

  /** Opens and closes flood episodes per console; one instance at a time on PostgreSQL. */
  async sweepFloods(atMs: number = now()): Promise<{ started: number; ended: number }> {
    const run = async (k: Kysely<Database>) => {
      const counts = await this.recentCounts(k, atMs);
      const open = await k.selectFrom('alarm_floods').select(['id', 'console_id']).where('ended_at', 'is', null).execute();
      let started = 0;
      let ended = 0;
      for (const c of await this.consoles(k)) {
        const episode = open.find((o) => o.console_id === c.id);
        const t = floodTransition(episode !== undefined, c.all ? counts.total : (counts.byAgency.get(c.id) ?? 0), FLOOD_THRESHOLD);
        if (t === 'start') {
          await k.insertInto('alarm_floods').values({ console_id: c.id, started_at: iso(atMs), ended_at: null }).execute();
          started++;
        } else if (t === 'end') {
          await k.updateTable('alarm_floods').set({ ended_at: iso(atMs) }).where('id', '=', episode!.id).execute();
          ended++;
        }
      }
      return { started, ended };
    };
    if (!(this.db.kysely.getExecutor().adapter instanceof PostgresAdapter)) return run(this.db.kysely);
    return this.db.kysely.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${FLOOD_LOCK}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) return { started: 0, ended: 0 };
      try {
        return await run(this.db.kysely);
      } finally {
        await sql`select pg_advisory_unlock(${FLOOD_LOCK})`.execute(conn);
      }
    });
  }

  async kpis(actor: Actor, q: { from?: string; to?: string }): Promise<AlarmKpis> {
    const { fromMs, toMs } = kpiPeriod(q, now());
    const k = this.db.kysely;
    const from = iso(fromMs);
    const to = iso(toMs);
    const scope = alarmScope(actor);
    const hours = Math.max(1 / 60, (toMs - fromMs) / 3600_000);
    // the reader's own console, and for the centre every console
    const consoles = scope.all ? await this.consoles(k) : scope.agencyId ? [{ id: scope.agencyId, all: false }] : [];
    const perConsole = [];
    for (const c of consoles) {
      const n = c.all
        ? await k.selectFrom('alarm_activations').select((eb) => eb.fn.countAll().as('n')).where('at', '>=', from).where('at', '<', to).executeTakeFirst()
        : await k.selectFrom('alarm_activations as aa').select((eb) => eb.fn.count('aa.id').distinct().as('n')).innerJoin('device_agencies as da', 'da.device_id', 'aa.device_id').where('da.agency_id', '=', c.id).where('aa.at', '>=', from).where('aa.at', '<', to).executeTakeFirst();
      const episodes = await k.selectFrom('alarm_floods').select(['started_at', 'ended_at']).where('console_id', '=', c.id).where('started_at', '<', to).where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)])).execute();
      const alarms = Number(n?.n ?? 0);
      const { hourly, daily: perDay } = await this.hourly(k, c, from, to, fromMs, toMs);
      perConsole.push({ agencyId: c.id, name: this.org.agencyName(c.id), alarms, perHour: round(alarms / hours), floodShare: round(floodShare(episodes.map((e) => ({ startMs: Date.parse(e.started_at), endMs: e.ended_at ? Date.parse(e.ended_at) : null })), fromMs, toMs)), hourly, daily: perDay });
    }
    const visible = alarmsVisibleTo(scope);
    const top = await k.selectFrom('alarms').select(['id', 'device_id', 'condition', 'count']).where(visible).where('last_at', '>=', from).where('first_at', '<', to).orderBy('count', 'desc').orderBy('id').limit(10).execute();
    const chattering = await k.selectFrom('alarms').select(['id', 'device_id', 'condition']).where(visible).where('chattering', '=', 1).where('last_at', '>=', from).where('first_at', '<', to).limit(100).execute();
    // stale at the period's end: raised a day before it and not cleared by then (a past period's
    // stale alarms may have cleared since; a cleared alarm raised again starts uncleared)
    const stale = await k
      .selectFrom('alarms')
      .select(['id', 'device_id', 'condition', 'first_at'])
      .where(visible)
      .where('suppressed', '=', 0)
      .where('first_at', '<', iso(toMs - STALE_MS))
      .where((eb) => eb.or([eb('cleared_at', 'is', null), eb('cleared_at', '>', to)]))
      .orderBy('first_at')
      .limit(100)
      .execute();
    const rates = (await this.falseCounts(actor, from, to)).map((r) => ({ deviceId: r.device_id, kind: r.kind, alarms: Number(r.n), falseAlarms: Number(r.f) }));
    const avail = await this.availability(actor, fromMs, toMs);
    // people read devices by name, not by id
    const named = [...new Set([...top, ...chattering, ...stale].map((r) => r.device_id))];
    const names = new Map(named.length ? (await k.selectFrom('devices').select(['id', 'name']).where('id', 'in', named).execute()).map((d) => [d.id, d.name]) : []);
    const nameOf = (id: string) => names.get(id) ?? id;
    return {
      from,
      to,
      targets: { acceptablePerHour: ACCEPTABLE_PER_HOUR, manageablePerHour: MANAGEABLE_PER_HOUR, floodPer10Min: FLOOD_THRESHOLD },
      consoles: perConsole,
      top: top.map((t) => ({ id: t.id, deviceId: t.device_id, deviceName: nameOf(t.device_id), condition: t.condition, count: t.count })),
      chattering: chattering.map((c) => ({ alarmId: c.id, deviceId: c.device_id, deviceName: nameOf(c.device_id), condition: c.condition })),
      stale: stale.map((s) => ({ alarmId: s.id, deviceId: s.device_id, deviceName: nameOf(s.device_id), condition: s.condition, activeSince: s.first_at })),
      falseAlarms: {
        byDevice: rankDevices(rates)
          .slice(0, 50)
          .map(({ deviceId, alarms, falseAlarms, rate }) => ({ deviceId, alarms, falseAlarms, rate })),
        byKind: falseByKind(rates).map((e) => ({ ...e, kind: e.kind as Kind })),
      },
      availability: { devices: avail.devices.length, mean: avail.devices.length ? round(avail.devices.reduce((s, d) => s + d.availability, 0) / avail.devices.length) : 1 },
    };
  }

  /**
   * Alarms and false alarms per device over a period, for the alarms the reader may read (and so
   * the devices: an alarm is read by its device's readers). Alarms a rule explained or that
   * chatter never reached an operator to be judged, so they count in no rate.
   */
  private falseCounts(actor: Actor, from: string, to: string, deviceId?: string) {
    let q = this.db.kysely
      .selectFrom('alarms')
      .innerJoin('devices', 'devices.id', 'alarms.device_id')
      .select(['alarms.device_id', 'devices.kind', 'devices.name', 'devices.owner_agency_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.count('alarms.false_at').as('f')])
      .where(alarmsVisibleTo(alarmScope(actor)))
      .where(devicesVisibleTo(deviceScope(actor)))
      .where('alarms.suppressed', '=', 0)
      .where('alarms.first_at', '<', to)
      .where('alarms.last_at', '>=', from)
      .groupBy(['alarms.device_id', 'devices.kind', 'devices.name', 'devices.owner_agency_id']);
    if (deviceId !== undefined) q = q.where('alarms.device_id', '=', deviceId);
    return q.execute();
  }

  /** False-alarm rates of every device the reader may see that raised alarms in the period, highest first. */
  async falseAlarmRates(actor: Actor, q: { from?: string; to?: string }): Promise<FalseAlarmRates> {
    const { fromMs, toMs } = period(q, now());
    const rows = (await this.falseCounts(actor, iso(fromMs), iso(toMs))).map((r) => ({ deviceId: r.device_id, deviceName: r.name, kind: r.kind as Kind, ownerAgencyId: r.owner_agency_id, ownerName: this.org.agencyName(r.owner_agency_id), alarms: Number(r.n), falseAlarms: Number(r.f) }));
    return { from: iso(fromMs), to: iso(toMs), devices: rankDevices(rows), byKind: falseByKind(rows).map((e) => ({ ...e, kind: e.kind as Kind })) };
  }

  /**
   * One device's false alarms over a period: totals, per Beijing day, and the latest marks with
   * their reasons. The caller has checked the reader may read the device.
   */
  async deviceFalseAlarms(actor: Actor, deviceId: string, q: { from?: string; to?: string }): Promise<DeviceFalseAlarms> {
    const { fromMs, toMs } = period(q, now());
    const from = iso(fromMs);
    const to = iso(toMs);
    const list = await this.db.kysely
      .selectFrom('alarms')
      .select(['id', 'condition', 'first_at', 'false_at', 'false_by', 'false_reason'])
      .where(alarmsVisibleTo(alarmScope(actor)))
      .where('device_id', '=', deviceId)
      .where('suppressed', '=', 0)
      .where('first_at', '<', to)
      .where('last_at', '>=', from)
      .orderBy('first_at')
      .limit(100_000)
      .execute();
    const falseOnes = list.filter((a) => a.false_at).sort((a, b) => (a.false_at! < b.false_at! ? 1 : a.false_at! > b.false_at! ? -1 : 0));
    const counts = { alarms: list.length, falseAlarms: falseOnes.length };
    const recent = falseOnes.slice(0, 20);
    // marks are kept by sign-in name; people read who marked them by name
    const nameOf = await displayNames(this.db.kysely, recent.map((a) => a.false_by));
    return {
      deviceId,
      from,
      to,
      ...counts,
      rate: falseRate(counts),
      daily: daily(list.map((a) => ({ firstAt: a.first_at, falseAt: a.false_at })), fromMs, toMs),
      recent: recent.map((a) => ({ alarmId: a.id, condition: a.condition as DeviceFalseAlarms['recent'][number]['condition'], at: a.false_at!, by: nameOf(a.false_by), reason: a.false_reason ?? '' })),
    };
  }

  /**
   * Alarms per clock hour at a console, for the chart against the ISA-18.2 targets: counted by the
   * database on the ISO text's hour (UTC hours are Beijing hours, eight apart), then laid out per
   * hour (periods up to KPI_HOURLY_MAX_DAYS) and per Beijing day.
   */
  private async hourly(k: Kysely<Database>, c: { id: string; all: boolean }, from: string, to: string, fromMs: number, toMs: number) {
    const hour = sql<string>`substr(aa.at, 1, 13)`;
    let q = k.selectFrom('alarm_activations as aa').select([hour.as('h'), (eb) => eb.fn.count('aa.id').distinct().as('n')]).where('aa.at', '>=', from).where('aa.at', '<', to).groupBy(hour);
    if (!c.all) q = q.innerJoin('device_agencies as da', 'da.device_id', 'aa.device_id').where('da.agency_id', '=', c.id);
    const counts = new Map((await q.execute()).map((r) => [Date.parse(`${r.h}:00:00Z`), Number(r.n)]));
    return hourlyAndDaily(counts, fromMs, toMs, KPI_HOURLY_MAX_DAYS);
  }

  /** Availability per device the reader may see, and per owner, over a period. */
  async availability(actor: Actor, fromMs: number, toMs: number) {
    const k = this.db.kysely;
    const devices = await k.selectFrom('devices').select(['id', 'name', 'kind', 'owner_agency_id', 'created_at']).where(devicesVisibleTo(deviceScope(actor))).orderBy('id').limit(20_000).execute();
    const outages = devices.length ? await k.selectFrom('device_outages').select(['device_id', 'from_at', 'to_at']).where('from_at', '<', iso(toMs)).where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', iso(fromMs))])).execute() : [];
    const byDevice = new Map<string, Array<{ fromMs: number; toMs: number | null }>>();
    for (const o of outages) {
      const list = byDevice.get(o.device_id) ?? [];
      list.push({ fromMs: Date.parse(o.from_at), toMs: o.to_at ? Date.parse(o.to_at) : null });
      byDevice.set(o.device_id, list);
    }
    const rows = devices.map((d) => {
      // a device is judged from its registration on
      const start = Math.max(fromMs, Date.parse(d.created_at));
      const a = availability(byDevice.get(d.id) ?? [], start, toMs);
      return { id: d.id, name: d.name, kind: d.kind as AlarmKpis['falseAlarms']['byKind'][number]['kind'], ownerAgencyId: d.owner_agency_id, availability: round(a.availability), offlineS: Math.round(a.offlineMs / 1000) };
    });
    const owners = new Map<string, number[]>();
    for (const r of rows) owners.set(r.ownerAgencyId, [...(owners.get(r.ownerAgencyId) ?? []), r.availability]);
    return {
      from: iso(fromMs),
      to: iso(toMs),
      devices: rows,
      owners: [...owners].map(([agencyId, list]) => ({ agencyId, name: this.org.agencyName(agencyId), devices: list.length, availability: round(list.reduce((s, x) => s + x, 0) / list.length) })),
    };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

