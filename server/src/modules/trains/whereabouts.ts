import { addDays, formatLocalIso, isoDate, localDate, serviceInstant } from './gtfs-time.js';

export interface RunStop {
  stopId: string;
  /** the matched network station, or null */
  stationId: string | null;
  name: string;
  arrivalS: number;
  departureS: number;
}

/** One trip of the train number, its stops in order. */
export interface TrainRun {
  tripId: string;
  serviceId: string;
  stops: RunStop[];
}

/** What whereabouts needs from the network; an interface so tests need no NetworkModel. */
export interface TrackView {
  /** the lines a station lies on, with its measure (metres along the line geometry) */
  stationLines(stationId: string): Array<{ lineId: string; measureM: number }>;
  /** mileage and section at a measure on a line */
  at(lineId: string, measureM: number): { lineName: string; mileage: string; sectionId: string | null; sectionName: string | null };
}

export interface StopAt {
  stopId: string;
  stationId: string | null;
  name: string;
  arrival: string;
  departure: string;
}

export interface TrainPosition {
  lineId: string;
  lineName: string;
  mileage: string;
  measureM: number;
  sectionId: string | null;
  sectionName: string | null;
  /** true between stations: the measure is interpolated in time, not observed */
  estimated: boolean;
}

export interface Whereabouts {
  train: string;
  /** YYYY-MM-DD, null when the train does not run around that time */
  serviceDate: string | null;
  state: 'running' | 'at_station' | 'not_running';
  tripId: string | null;
  lastStop: StopAt | null;
  nextStops: StopAt[];
  mileage?: string;
  position?: TrainPosition;
}

export interface WhereaboutsInput {
  train: string;
  runs: TrainRun[];
  isActive(serviceId: string, date: string): boolean;
  timeZone: string;
  at: number;
  track: TrackView;
}

/**
 * Where a train is at an instant. A run belongs to the service date it starts on, so a time past
 * 24:00 is found by also looking at the days before the instant's local date.
 */
export function whereabouts(input: WhereaboutsInput): Whereabouts {
  const { runs, timeZone, at } = input;
  const today = localDate(at, timeZone);
  const longest = Math.max(0, ...runs.flatMap((r) => r.stops.map((s) => s.departureS)));
  const daysBack = Math.ceil(longest / 86400);
  for (let back = daysBack; back >= 0; back--) {
    const date = addDays(today, -back);
    for (const run of runs) {
      if (run.stops.length < 2 || !input.isActive(run.serviceId, date)) continue;
      const times = run.stops.map((s) => ({ arr: serviceInstant(date, s.arrivalS, timeZone), dep: serviceInstant(date, s.departureS, timeZone) }));
      if (at < times[0]!.arr || at > times[times.length - 1]!.dep) continue;
      return onRun(input, run, date, times);
    }
  }
  return { train: input.train, serviceDate: null, state: 'not_running', tripId: null, lastStop: null, nextStops: [] };
}

function onRun(input: WhereaboutsInput, run: TrainRun, date: string, times: Array<{ arr: number; dep: number }>): Whereabouts {
  const { at, timeZone } = input;
  const stopAt = (i: number): StopAt => {
    const s = run.stops[i]!;
    return { stopId: s.stopId, stationId: s.stationId, name: s.name, arrival: formatLocalIso(times[i]!.arr, timeZone), departure: formatLocalIso(times[i]!.dep, timeZone) };
  };
  const base = { train: input.train, serviceDate: isoDate(date), tripId: run.tripId };
  const dwell = times.findIndex((t) => at >= t.arr && at <= t.dep);
  if (dwell >= 0) {
    const position = stationPosition(input.track, run.stops, dwell);
    return {
      ...base,
      state: 'at_station',
      lastStop: stopAt(dwell),
      nextStops: run.stops.slice(dwell + 1).map((_, k) => stopAt(dwell + 1 + k)),
      ...(position ? { mileage: position.mileage, position } : {}),
    };
  }
  // between the departure from i and the arrival at i + 1
  const i = times.findIndex((t, k) => k + 1 < times.length && at > t.dep && at < times[k + 1]!.arr);
  const from = run.stops[i]!;
  const to = run.stops[i + 1]!;
  const fraction = (at - times[i]!.dep) / (times[i + 1]!.arr - times[i]!.dep);
  const position = between(input.track, from.stationId, to.stationId, fraction);
  return {
    ...base,
    state: 'running',
    lastStop: stopAt(i),
    nextStops: run.stops.slice(i + 1).map((_, k) => stopAt(i + 1 + k)),
    ...(position ? { mileage: position.mileage, position } : {}),
  };
}

function commonLine(track: TrackView, a: string | null, b: string | null): { lineId: string; fromM: number; toM: number } | null {
  if (!a || !b) return null;
  const onB = new Map(track.stationLines(b).map((l) => [l.lineId, l.measureM]));
  for (const l of track.stationLines(a)) {
    const toM = onB.get(l.lineId);
    if (toM !== undefined) return { lineId: l.lineId, fromM: l.measureM, toM };
  }
  return null;
}

/**
 * Linear in time between the two stations: trains accelerate and brake, so this is an estimate
 * good to a few kilometres, enough to name the section and the police on either side.
 */
function between(track: TrackView, a: string | null, b: string | null, fraction: number): TrainPosition | null {
  const line = commonLine(track, a, b);
  if (!line) return null;
  const measureM = line.fromM + (line.toM - line.fromM) * Math.min(1, Math.max(0, fraction));
  return { lineId: line.lineId, measureM: Math.round(measureM), ...track.at(line.lineId, measureM), estimated: true };
}

/** At a station the line is the one it shares with the next (else previous) stop, so the mileage reads along the train's way. */
function stationPosition(track: TrackView, stops: RunStop[], i: number): TrainPosition | null {
  const here = stops[i]!.stationId;
  if (!here) return null;
  const line = commonLine(track, here, stops[i + 1]?.stationId ?? null) ?? commonLine(track, here, stops[i - 1]?.stationId ?? null);
  const chosen = line ? { lineId: line.lineId, measureM: line.fromM } : track.stationLines(here)[0];
  if (!chosen) return null;
  return { lineId: chosen.lineId, measureM: Math.round(chosen.measureM), ...track.at(chosen.lineId, chosen.measureM), estimated: false };
}
