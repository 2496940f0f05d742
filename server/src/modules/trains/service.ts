import type { AgencyRef, TimetableImportResult, TrainWhereabouts } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { HttpError, unprocessable } from '../../platform/http/errors.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { parseFeed } from './gtfs-feed.js';
import { ServiceCalendar } from './service-calendar.js';
import { matchStops } from './stop-matching.js';
import { TimetableStore, type Progress } from './store.js';
import { whereabouts, type TrackView } from './whereabouts.js';
import { DEFAULT_TIMEZONE } from './gtfs-feed.js';
import { parseInstant } from './gtfs-time.js';

/**
 * Timetables (GTFS) and where a train is: its position, the next stops and who is responsible
 * there. The timetable lives in the database only, so every instance answers the same.
 */
export class TrainService {
  private readonly store: TimetableStore;

  private constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly organisation: OrganisationService,
  ) {
    this.store = new TimetableStore(db.kysely);
  }

  static async open(db: Db, network: NetworkService, organisation: OrganisationService): Promise<TrainService> {
    return new TrainService(db, network, organisation);
  }

  /** Checks the whole feed first; on any problem nothing is written (422 with every problem). */
  async import(actor: Actor, files: Record<string, string>, onProgress?: Progress): Promise<TimetableImportResult> {
    const parsed = parseFeed(files);
    if (!parsed.feed) {
      const n = parsed.problems.length;
      throw unprocessable('invalid_feed', `the timetable has ${n} problem(s); nothing was imported`, { problems: parsed.problems, warnings: parsed.warnings });
    }
    const feed = parsed.feed;
    const stations = this.network.current().stations().map((s) => ({ id: s.id, name: s.name }));
    const used = new Set(feed.stopTimes.map((s) => s.stopId));
    // stops no train calls at (entrances, other operators' stops) are not worth a warning each
    const match = matchStops(feed.stops.filter((s) => used.has(s.stopId)), stations);
    const result: TimetableImportResult = {
      agencyTimezone: feed.agencyTimezone,
      counts: {
        stops: feed.stops.length,
        matchedStops: match.matched.size,
        trips: feed.trips.length,
        trains: new Set(feed.trips.map((t) => t.trainNo)).size,
        stopTimes: feed.stopTimes.length,
        services: new Set([...feed.calendar, ...feed.calendarDates].map((c) => c.serviceId)).size,
      },
      warnings: [...parsed.warnings, ...match.warnings],
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.replace(trx, feed, match.matched, { at: nowIso(), by: actor.userId, summary: result }, onProgress);
      await recordChange(trx, actor, 'timetable', 'gtfs', 'import', result.counts);
    });
    return result;
  }

  async whereabouts(train: string, atText: string): Promise<TrainWhereabouts> {
    const trainNo = train.trim().toUpperCase();
    const at = parseInstant(atText, (await this.store.timeZone()) ?? DEFAULT_TIMEZONE);
    if (at === null) throw new HttpError(400, 'bad_time', `"${atText}" is not an ISO 8601 time such as 2026-12-01T08:30:00+08:00`);
    const stored = await this.store.loadTrain(trainNo);
    if (!stored) throw new HttpError(404, 'unknown_train', `train ${trainNo} is not in the imported timetable`);
    const calendar = new ServiceCalendar(stored.calendar, stored.calendarDates);
    const w = whereabouts({ train: trainNo, runs: stored.runs, isActive: (s, d) => calendar.isActive(s, d), timeZone: stored.timeZone, at, track: this.track() });
    return { ...w, nextStops: w.nextStops.map((s) => ({ ...s, jurisdiction: this.jurisdictionAt(s.stationId) })) };
  }

  private track(): TrackView {
    const model = this.network.current();
    return {
      stationLines: (id) => model.station(id)?.lines.map((l) => ({ lineId: l.lineId, measureM: l.measureM })) ?? [],
      at: (lineId, m) => {
        const r = model.atMeasure(lineId, m);
        return { lineName: r.lineName, mileage: r.mileage, sectionId: r.sectionId, sectionName: r.sectionName };
      },
    };
  }

  private jurisdictionAt(stationId: string | null): AgencyRef[] {
    if (!stationId || !this.network.current().station(stationId)) return [];
    try {
      return this.organisation.resolve({ stationId }).jurisdiction;
    } catch (e) {
      // a station the organisation cannot place is shown without agencies rather than failing the train
      if (e instanceof HttpError) return [];
      throw e;
    }
  }
}
