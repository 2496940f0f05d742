import type { AgencyRef, PassingResult, TimetableImportResult, TrainWhereabouts } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { recordChange } from '../../platform/change-log.js';
import { HttpError, unprocessable, said } from '../../platform/http/errors.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { parseFeed } from './gtfs-feed.js';
import { ServiceCalendar } from './service-calendar.js';
import { matchStops } from './stop-matching.js';
import { TimetableStore, type Progress } from './store.js';
import { whereabouts, type TrackView } from './whereabouts.js';
import { buildSegments, runPositionAt, trainsPassing, type PassSegment, type PassingTrain } from './passing.js';
import { DEFAULT_TIMEZONE } from './gtfs-feed.js';
import { formatLocalIso, parseInstant } from './gtfs-time.js';
import { now } from '../../platform/clock.js';
import { networkHttpError } from '../network/routes.js';

const FEED_RECHECK_MS = 1000;

/**
 * Timetables (GTFS) and where a train is: its position, the next stops and who is responsible
 * there. The timetable lives in the database only, so every instance answers the same.
 */
export class TrainService {
  private readonly store: TimetableStore;
  /** the stretches every train covers, built once per feed (and network) version */
  private passIndex: { feed: number; network: unknown; segments: PassSegment[]; calendar: ServiceCalendar; timeZone: string } | null = null;

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
      throw unprocessable('invalid_feed', said(`时刻表有 ${n} 处问题，未导入任何内容`, `the timetable has ${n} problem(s); nothing was imported`), { problems: parsed.problems, warnings: parsed.warnings });
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
    this.feedSeen = null;
    return result;
  }

  async whereabouts(train: string, atText: string): Promise<TrainWhereabouts> {
    const trainNo = train.trim().toUpperCase();
    const at = parseInstant(atText, (await this.store.timeZone()) ?? DEFAULT_TIMEZONE);
    if (at === null) throw new HttpError(400, 'bad_time', said(`「${atText}」不是 2026-12-01T08:30:00+08:00 这样的 ISO 8601 时间`, `"${atText}" is not an ISO 8601 time such as 2026-12-01T08:30:00+08:00`));
    const stored = await this.store.loadTrain(trainNo);
    if (!stored) throw new HttpError(404, 'unknown_train', said(`已导入的时刻表中没有 ${trainNo} 次列车`, `train ${trainNo} is not in the imported timetable`));
    const calendar = new ServiceCalendar(stored.calendar, stored.calendarDates);
    const w = whereabouts({ train: trainNo, runs: stored.runs, isActive: (s, d) => calendar.isActive(s, d), timeZone: stored.timeZone, at, track: this.track() });
    return { ...w, nextStops: w.nextStops.map((s) => ({ ...s, jurisdiction: this.jurisdictionAt(s.stationId) })) };
  }

  /**
   * The trains at or reaching a point of a line within the next windowS seconds, soonest first.
   * Used by the priority rule ("a train approaches") and shown to the call-taker.
   */
  async passing(lineId: string, measureM: number, at: number, windowS: number, toleranceM = 300): Promise<PassingTrain[]> {
    const index = await this.passingIndex();
    if (!index) return [];
    return trainsPassing(index.segments, { lineId, measureM, at, windowS, toleranceM, timeZone: index.timeZone, isActive: (s, d) => index.calendar.isActive(s, d) });
  }

  /** The API's question: which trains reach this mileage within the window (both places where a long chain repeats it). */
  async passingAt(lineId: string, mileage: string, atText: string | undefined, windowS: number): Promise<PassingResult> {
    const timeZone = (await this.store.timeZone()) ?? DEFAULT_TIMEZONE;
    const at = atText === undefined ? now() : parseInstant(atText, timeZone);
    if (at === null) throw new HttpError(400, 'bad_time', said(`「${atText}」不是 2026-12-01T08:30:00+08:00 这样的 ISO 8601 时间`, `"${atText}" is not an ISO 8601 time such as 2026-12-01T08:30:00+08:00`));
    let position;
    try {
      position = this.network.current().position(lineId, mileage);
    } catch (e) {
      throw networkHttpError(e);
    }
    const found = (await Promise.all(position.candidates.map((c) => this.passing(lineId, c.measureM, at, windowS)))).flat();
    const seen = new Set<string>();
    const index = await this.passingIndex();
    const model = this.network.current();
    const trains = found
      .sort((a, b) => a.atMs - b.atMs)
      .filter((t) => !seen.has(`${t.tripId}@${t.serviceDate}`) && seen.add(`${t.tripId}@${t.serviceDate}`))
      .map(({ atMs: _atMs, ...t }) => {
        // where the train is now, by the timetable: the map draws it on its way to the incident
        const now = index ? runPositionAt(index.segments, t.tripId, t.serviceDate, at, index.timeZone) : null;
        const on = now && model.line(now.lineId) ? model.atMeasure(now.lineId, now.measureM) : null;
        return { ...t, position: on ? { lineId: on.lineId, mileage: on.mileage, coordinates: on.onLine } : null };
      });
    return { lineId, mileage: position.mileage, at: formatLocalIso(at, timeZone), windowS, trains };
  }

  /**
   * Which feed is current, asked of the database at most once a second: every incident created on
   * the track asks, and a timetable imported on another instance may be a second late here.
   */
  private feedSeen: { at: number; feed: Promise<number | null> } | null = null;

  private currentFeed(): Promise<number | null> {
    if (!this.feedSeen || Date.now() - this.feedSeen.at >= FEED_RECHECK_MS) {
      const feed = this.store.feedVersion();
      this.feedSeen = { at: Date.now(), feed };
      feed.catch(() => (this.feedSeen = null));
    }
    return this.feedSeen.feed;
  }

  /** Rebuilt when another import (here or on another instance) or a network change made it stale. */
  private async passingIndex() {
    const feed = await this.currentFeed();
    if (feed === null) return null;
    const network = this.network.current();
    if (this.passIndex?.feed === feed && this.passIndex.network === network) return this.passIndex;
    const all = await this.store.loadAll();
    this.passIndex = { feed, network, segments: buildSegments(all.trains, this.track()), calendar: new ServiceCalendar(all.calendar, all.calendarDates), timeZone: all.timeZone };
    return this.passIndex;
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
