import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { GtfsFeed } from './gtfs-feed.js';
import type { CalendarEntry, CalendarException } from './service-calendar.js';
import type { TrainRun } from './whereabouts.js';

/** Rows per INSERT: far below the bind-parameter limits of both engines. */
export const BATCH = 500;

export type Progress = (done: number, total: number) => void;

export interface StoredTrain {
  timeZone: string;
  runs: TrainRun[];
  calendar: CalendarEntry[];
  calendarDates: CalendarException[];
}

async function insertBatched<T extends keyof Database & string>(trx: Transaction<Database>, table: T, rows: any[], onBatch?: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    await trx.insertInto(table).values(chunk as never).execute();
    onBatch?.(chunk.length);
  }
}

export class TimetableStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces the whole timetable; the caller owns the transaction, so a failure leaves the old one. */
  async replace(trx: Transaction<Database>, feed: GtfsFeed, stations: Map<string, string>, meta: { at: string; by: string | null; summary: unknown }, onProgress?: Progress): Promise<void> {
    for (const t of ['timetable_stop_times', 'timetable_trips', 'timetable_stops', 'timetable_calendar', 'timetable_calendar_dates', 'timetable_feeds'] as const) {
      await trx.deleteFrom(t).execute();
    }
    await trx.insertInto('timetable_feeds').values({ imported_at: meta.at, imported_by: meta.by, agency_timezone: feed.agencyTimezone, summary: JSON.stringify(meta.summary) }).execute();
    await insertBatched(trx, 'timetable_stops', feed.stops.map((s) => ({ stop_id: s.stopId, name: s.name, lat: s.lat, lon: s.lon, station_id: stations.get(s.stopId) ?? null })));
    await insertBatched(trx, 'timetable_trips', feed.trips.map((t) => ({ trip_id: t.tripId, train_no: t.trainNo, service_id: t.serviceId, route_id: t.routeId })));
    await insertBatched(trx, 'timetable_calendar', feed.calendar.map((c) => ({ service_id: c.serviceId, days: c.days.map((d) => (d ? '1' : '0')).join(''), start_date: c.startDate, end_date: c.endDate })));
    await insertBatched(trx, 'timetable_calendar_dates', feed.calendarDates.map((c) => ({ service_id: c.serviceId, date: c.date, exception_type: c.exceptionType })));
    const total = feed.stopTimes.length;
    let done = 0;
    onProgress?.(0, total);
    await insertBatched(
      trx,
      'timetable_stop_times',
      feed.stopTimes.map((s) => ({ trip_id: s.tripId, stop_sequence: s.stopSequence, stop_id: s.stopId, arrival_s: s.arrivalS, departure_s: s.departureS })),
      (n) => onProgress?.((done += n), total),
    );
  }

  async timeZone(): Promise<string | null> {
    const row = await this.db.selectFrom('timetable_feeds').select('agency_timezone').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row?.agency_timezone ?? null;
  }

  /** Everything whereabouts needs for one train number, or null when no trip has it. */
  async loadTrain(trainNo: string): Promise<StoredTrain | null> {
    const trips = await this.db.selectFrom('timetable_trips').selectAll().where('train_no', '=', trainNo).orderBy('trip_id').execute();
    if (!trips.length) return null;
    return this.loadTrips(trips);
  }

  /** Every train of the timetable, for the index of trains passing a point. */
  async loadAll(): Promise<StoredTrain & { trains: Array<{ trainNo: string; runs: TrainRun[] }> }> {
    const trips = await this.db.selectFrom('timetable_trips').selectAll().orderBy('trip_id').execute();
    const byTrain = new Map<string, typeof trips>();
    for (const t of trips) byTrain.set(t.train_no, [...(byTrain.get(t.train_no) ?? []), t]);
    const all = await this.loadTrips(trips);
    const runsOf = new Map(all.runs.map((r) => [r.tripId, r]));
    return { ...all, trains: [...byTrain].map(([trainNo, ts]) => ({ trainNo, runs: ts.map((t) => runsOf.get(t.trip_id)!) })) };
  }

  /** The feed currently loaded: changes on every import, so caches built from it know when they are stale. */
  async feedVersion(): Promise<number | null> {
    const row = await this.db.selectFrom('timetable_feeds').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  /** The runs of these trips with their stops, and the calendars they use, in one go. */
  private async loadTrips(trips: Array<{ trip_id: string; service_id: string }>): Promise<StoredTrain> {
    if (!trips.length) return { timeZone: (await this.timeZone()) ?? 'Asia/Shanghai', runs: [], calendar: [], calendarDates: [] };
    const tripIds = trips.map((t) => t.trip_id);
    const serviceIds = [...new Set(trips.map((t) => t.service_id))];
    const times: Array<{ trip_id: string; stop_sequence: number; stop_id: string; arrival_s: number; departure_s: number; name: string; station_id: string | null }> = [];
    // chunks keep the IN lists within both engines' bind limits on a national timetable
    for (let i = 0; i < tripIds.length; i += BATCH) {
      const rows = await this.db
        .selectFrom('timetable_stop_times as st')
        .innerJoin('timetable_stops as s', 's.stop_id', 'st.stop_id')
        .select(['st.trip_id', 'st.stop_sequence', 'st.stop_id', 'st.arrival_s', 'st.departure_s', 's.name', 's.station_id'])
        .where('st.trip_id', 'in', tripIds.slice(i, i + BATCH))
        .orderBy('st.trip_id')
        .orderBy('st.stop_sequence')
        .execute();
      times.push(...(rows as typeof times));
    }
    // for many trips the whole calendar is smaller than an IN list of its services
    const everything = serviceIds.length > BATCH;
    const [calendar, dates, timeZone] = await Promise.all([
      this.db.selectFrom('timetable_calendar').selectAll().$if(!everything, (q) => q.where('service_id', 'in', serviceIds)).execute(),
      this.db.selectFrom('timetable_calendar_dates').selectAll().$if(!everything, (q) => q.where('service_id', 'in', serviceIds)).execute(),
      this.timeZone(),
    ]);
    const stopsOf = new Map<string, TrainRun['stops']>();
    for (const s of times) {
      const list = stopsOf.get(s.trip_id) ?? [];
      list.push({ stopId: s.stop_id, stationId: s.station_id, name: s.name, arrivalS: Number(s.arrival_s), departureS: Number(s.departure_s) });
      stopsOf.set(s.trip_id, list);
    }
    const runs = trips.map((t) => ({ tripId: t.trip_id, serviceId: t.service_id, stops: stopsOf.get(t.trip_id) ?? [] }));
    return {
      timeZone: timeZone ?? 'Asia/Shanghai',
      runs,
      calendar: calendar.map((c) => ({ serviceId: c.service_id, days: [...c.days].map((d) => d === '1'), startDate: c.start_date, endDate: c.end_date })),
      calendarDates: dates.map((d) => ({ serviceId: d.service_id, date: d.date, exceptionType: Number(d.exception_type) === 1 ? 1 : 2 })),
    };
  }

  async counts(): Promise<{ trips: number; stopTimes: number }> {
    const count = async (t: 'timetable_trips' | 'timetable_stop_times') => Number((await this.db.selectFrom(t).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { trips: await count('timetable_trips'), stopTimes: await count('timetable_stop_times') };
  }
}
