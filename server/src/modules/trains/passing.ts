import { addDays, formatLocalIso, isoDate, localDate, serviceInstant } from './gtfs-time.js';
import type { TrackView, TrainRun } from './whereabouts.js';

/**
 * One stretch of line a trip covers between two consecutive calls (or the dwell at one call,
 * where fromM === toM), in service-day seconds. A through train passing a station without
 * stopping is covered by the stretch between its calls on either side.
 */
export interface PassSegment {
  trainNo: string;
  tripId: string;
  serviceId: string;
  lineId: string;
  fromM: number;
  toM: number;
  startS: number;
  endS: number;
}

export interface PassingTrain {
  train: string;
  tripId: string;
  serviceDate: string;
  /** the instant the train is estimated at the measure, ms since epoch */
  atMs: number;
  /** ISO 8601 with the feed's local offset */
  at: string;
  /** seconds from the query time; 0 when the train is standing there now */
  inS: number;
  /** which way the train runs along the line's measure; null while it stands at a station there */
  direction: 'up_measure' | 'down_measure' | null;
}

export function buildSegments(trains: Array<{ trainNo: string; runs: TrainRun[] }>, track: TrackView): PassSegment[] {
  const segments: PassSegment[] = [];
  for (const { trainNo, runs } of trains) {
    for (const run of runs) {
      const stops = run.stops;
      for (let i = 0; i < stops.length; i++) {
        const here = stops[i]!;
        const hereLines = here.stationId ? track.stationLines(here.stationId) : [];
        for (const l of hereLines) {
          if (here.departureS > here.arrivalS) {
            segments.push({ trainNo, tripId: run.tripId, serviceId: run.serviceId, lineId: l.lineId, fromM: l.measureM, toM: l.measureM, startS: here.arrivalS, endS: here.departureS });
          }
        }
        const next = stops[i + 1];
        if (!next?.stationId || !hereLines.length) continue;
        const nextOn = new Map(track.stationLines(next.stationId).map((l) => [l.lineId, l.measureM]));
        for (const l of hereLines) {
          const toM = nextOn.get(l.lineId);
          if (toM === undefined || toM === l.measureM) continue;
          segments.push({ trainNo, tripId: run.tripId, serviceId: run.serviceId, lineId: l.lineId, fromM: l.measureM, toM, startS: here.departureS, endS: next.arrivalS });
          break; // two stations share one line in practice; the first common line is the train's
        }
      }
    }
  }
  return segments;
}

export interface PassingQuery {
  lineId: string;
  measureM: number;
  /** query instant, ms since epoch */
  at: number;
  windowS: number;
  /** how far either side of the measure still counts as "at the place", metres */
  toleranceM: number;
  timeZone: string;
  isActive(serviceId: string, date: string): boolean;
}

/**
 * The trains at or reaching a point on a line within a window, soonest first, one entry per train
 * run. Positions between calls are interpolated in time, as whereabouts does, so the estimate is
 * good to a minute or two: enough to decide whether to have a train stopped.
 */
export function trainsPassing(segments: readonly PassSegment[], q: PassingQuery): PassingTrain[] {
  const found = new Map<string, PassingTrain>();
  const maxEnd = segments.reduce((m, s) => Math.max(m, s.endS), 0);
  const today = localDate(q.at, q.timeZone);
  const dates: string[] = [];
  for (let back = Math.ceil(maxEnd / 86400); back >= 0; back--) dates.push(addDays(today, -back));
  const until = q.at + q.windowS * 1000;
  for (const s of segments) {
    if (s.lineId !== q.lineId) continue;
    const lo = Math.min(s.fromM, s.toM) - q.toleranceM;
    const hi = Math.max(s.fromM, s.toM) + q.toleranceM;
    if (q.measureM < lo || q.measureM > hi) continue;
    const span = s.toM - s.fromM;
    // the share of the stretch covered when the train reaches the point, clamped for the tolerance
    const fraction = span === 0 ? 0 : Math.min(1, Math.max(0, (q.measureM - s.fromM) / span));
    for (const date of dates) {
      if (!q.isActive(s.serviceId, date)) continue;
      const start = serviceInstant(date, s.startS, q.timeZone);
      const end = serviceInstant(date, s.endS, q.timeZone);
      // a dwell covers its whole stay; a moving train is at the point at one instant
      const atPoint = span === 0 ? Math.max(start, Math.min(q.at, end)) : start + (end - start) * fraction;
      if (atPoint < q.at || atPoint > until) continue;
      const key = `${s.tripId}@${date}`;
      const prev = found.get(key);
      if (prev && prev.atMs <= atPoint) continue;
      found.set(key, {
        train: s.trainNo,
        tripId: s.tripId,
        serviceDate: isoDate(date),
        atMs: atPoint,
        at: formatLocalIso(atPoint, q.timeZone),
        inS: Math.round((atPoint - q.at) / 1000),
        direction: span === 0 ? null : span > 0 ? 'up_measure' : 'down_measure',
      });
    }
  }
  return [...found.values()].sort((a, b) => a.atMs - b.atMs);
}

/**
 * Where a run is at an instant, by the same stretches: interpolated in time along the one it is on
 * (standing, during a dwell), or null before it sets out and after it arrives. For drawing the
 * trains near an incident on the map, as the timetable has them, not as a tracker would.
 */
export function runPositionAt(segments: readonly PassSegment[], tripId: string, serviceDate: string, at: number, timeZone: string): { lineId: string; measureM: number } | null {
  const date = serviceDate.replaceAll('-', '');
  for (const s of segments) {
    if (s.tripId !== tripId) continue;
    const start = serviceInstant(date, s.startS, timeZone);
    const end = serviceInstant(date, s.endS, timeZone);
    if (at < start || at > end) continue;
    const share = end === start ? 0 : (at - start) / (end - start);
    return { lineId: s.lineId, measureM: s.fromM + (s.toM - s.fromM) * share };
  }
  return null;
}

