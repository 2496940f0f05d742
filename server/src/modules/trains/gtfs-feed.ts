import { parseCsv, type CsvTable, type FeedProblem } from './gtfs-csv.js';
import { isServiceDate, isTimeZone, parseGtfsTime } from './gtfs-time.js';
import type { CalendarEntry, CalendarException } from './service-calendar.js';

export type { FeedProblem } from './gtfs-csv.js';

export interface GtfsStop {
  stopId: string;
  name: string;
  lat: number | null;
  lon: number | null;
}

export interface GtfsTrip {
  tripId: string;
  serviceId: string;
  routeId: string;
  /** trip_short_name (the train number people use), else trip_id; upper-case */
  trainNo: string;
}

export interface GtfsStopTime {
  tripId: string;
  stopSequence: number;
  stopId: string;
  /** seconds from the service day's reference; may exceed 24 h */
  arrivalS: number;
  departureS: number;
}

export interface GtfsFeed {
  agencyTimezone: string;
  stops: GtfsStop[];
  trips: GtfsTrip[];
  /** grouped by trip, in stop_sequence order */
  stopTimes: GtfsStopTime[];
  calendar: CalendarEntry[];
  calendarDates: CalendarException[];
}

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const REQUIRED: Record<string, string[]> = {
  'stops.txt': ['stop_id', 'stop_name'],
  'trips.txt': ['trip_id', 'service_id'],
  'stop_times.txt': ['trip_id', 'stop_id', 'stop_sequence', 'arrival_time', 'departure_time'],
  'calendar.txt': ['service_id', ...DAYS, 'start_date', 'end_date'],
  'calendar_dates.txt': ['service_id', 'date', 'exception_type'],
  'agency.txt': ['agency_timezone'],
};

export interface FeedResult {
  feed: GtfsFeed | null;
  problems: FeedProblem[];
  warnings: string[];
}

/**
 * Parses and checks a whole feed (file name → text). Every problem is collected with its file and
 * line; the feed is returned only when there are none, so an import is all or nothing.
 */
export function parseFeed(files: Record<string, string>): FeedResult {
  const problems: FeedProblem[] = [];
  const warnings: string[] = [];
  const tables = new Map<string, CsvTable>();
  for (const [name, columns] of Object.entries(REQUIRED)) {
    const text = files[name];
    if (text === undefined) continue;
    const { table, problems: p } = parseCsv(name, text);
    problems.push(...p);
    const missing = columns.filter((c) => !table.has(c));
    if (missing.length) problems.push({ file: name, line: 1, message: `missing column(s) ${missing.join(', ')}` });
    else tables.set(name, table);
  }
  for (const name of ['stops.txt', 'trips.txt', 'stop_times.txt']) {
    if (files[name] === undefined) problems.push({ file: name, line: null, message: 'required file is missing' });
  }
  if (files['calendar.txt'] === undefined && files['calendar_dates.txt'] === undefined) {
    problems.push({ file: 'calendar.txt', line: null, message: 'a feed needs calendar.txt or calendar_dates.txt' });
  }

  const agencyTimezone = readTimezone(tables.get('agency.txt'), files['agency.txt'] !== undefined, problems, warnings);
  const stops = readStops(tables.get('stops.txt'), problems);
  const calendar = readCalendar(tables.get('calendar.txt'), problems);
  const calendarDates = readCalendarDates(tables.get('calendar_dates.txt'), problems);
  const services = new Set([...calendar.map((c) => c.serviceId), ...calendarDates.map((c) => c.serviceId)]);
  const trips = readTrips(tables.get('trips.txt'), services, tables.has('calendar.txt') || tables.has('calendar_dates.txt'), problems);
  const stopTimes = readStopTimes(tables.get('stop_times.txt'), new Set(stops.map((s) => s.stopId)), trips, problems, warnings);
  if (problems.length) return { feed: null, problems, warnings };
  return { feed: { agencyTimezone, stops, trips, stopTimes, calendar, calendarDates }, problems, warnings };
}

function readTimezone(table: CsvTable | undefined, present: boolean, problems: FeedProblem[], warnings: string[]): string {
  if (!present) {
    warnings.push(`agency.txt is missing: times are read in ${DEFAULT_TIMEZONE}`);
    return DEFAULT_TIMEZONE;
  }
  const zones = new Set<string>();
  for (const row of table?.rows ?? []) {
    const tz = row.get('agency_timezone');
    if (!isTimeZone(tz) || tz === '') problems.push({ file: 'agency.txt', line: row.line, message: `agency_timezone "${tz}" is not an IANA time zone` });
    else zones.add(tz);
  }
  // GTFS requires one zone for all agencies of a feed
  if (zones.size > 1) problems.push({ file: 'agency.txt', line: null, message: `agencies use different time zones (${[...zones].join(', ')})` });
  return [...zones][0] ?? DEFAULT_TIMEZONE;
}

function readStops(table: CsvTable | undefined, problems: FeedProblem[]): GtfsStop[] {
  const out: GtfsStop[] = [];
  const seen = new Set<string>();
  for (const row of table?.rows ?? []) {
    const stopId = row.get('stop_id');
    if (!stopId) { problems.push({ file: 'stops.txt', line: row.line, message: 'stop_id is empty' }); continue; }
    if (seen.has(stopId)) { problems.push({ file: 'stops.txt', line: row.line, message: `stop_id ${stopId} appears twice` }); continue; }
    seen.add(stopId);
    const lat = row.get('stop_lat');
    const lon = row.get('stop_lon');
    out.push({ stopId, name: row.get('stop_name'), lat: lat === '' ? null : Number(lat), lon: lon === '' ? null : Number(lon) });
  }
  return out;
}

function readCalendar(table: CsvTable | undefined, problems: FeedProblem[]): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (const row of table?.rows ?? []) {
    const days = DAYS.map((d) => row.get(d));
    const bad = DAYS.filter((_, i) => days[i] !== '0' && days[i] !== '1');
    const startDate = row.get('start_date');
    const endDate = row.get('end_date');
    const before = problems.length;
    if (!row.get('service_id')) problems.push({ file: 'calendar.txt', line: row.line, message: 'service_id is empty' });
    if (bad.length) problems.push({ file: 'calendar.txt', line: row.line, message: `${bad.join(', ')} must be 0 or 1` });
    for (const [col, v] of [['start_date', startDate], ['end_date', endDate]] as const) {
      if (!isServiceDate(v)) problems.push({ file: 'calendar.txt', line: row.line, message: `${col} "${v}" is not a date YYYYMMDD` });
    }
    if (problems.length === before && endDate < startDate) problems.push({ file: 'calendar.txt', line: row.line, message: 'end_date is before start_date' });
    if (problems.length === before) out.push({ serviceId: row.get('service_id'), days: days.map((d) => d === '1'), startDate, endDate });
  }
  return out;
}

function readCalendarDates(table: CsvTable | undefined, problems: FeedProblem[]): CalendarException[] {
  const out: CalendarException[] = [];
  for (const row of table?.rows ?? []) {
    const date = row.get('date');
    const type = row.get('exception_type');
    const before = problems.length;
    if (!row.get('service_id')) problems.push({ file: 'calendar_dates.txt', line: row.line, message: 'service_id is empty' });
    if (!isServiceDate(date)) problems.push({ file: 'calendar_dates.txt', line: row.line, message: `date "${date}" is not a date YYYYMMDD` });
    if (type !== '1' && type !== '2') problems.push({ file: 'calendar_dates.txt', line: row.line, message: `exception_type "${type}" must be 1 (added) or 2 (removed)` });
    if (problems.length === before) out.push({ serviceId: row.get('service_id'), date, exceptionType: type === '1' ? 1 : 2 });
  }
  return out;
}

function readTrips(table: CsvTable | undefined, services: Set<string>, checkServices: boolean, problems: FeedProblem[]): GtfsTrip[] {
  const out: GtfsTrip[] = [];
  const seen = new Set<string>();
  for (const row of table?.rows ?? []) {
    const tripId = row.get('trip_id');
    const serviceId = row.get('service_id');
    if (!tripId) { problems.push({ file: 'trips.txt', line: row.line, message: 'trip_id is empty' }); continue; }
    if (seen.has(tripId)) { problems.push({ file: 'trips.txt', line: row.line, message: `trip_id ${tripId} appears twice` }); continue; }
    seen.add(tripId);
    if (checkServices && !services.has(serviceId)) {
      problems.push({ file: 'trips.txt', line: row.line, message: `service_id "${serviceId}" is in neither calendar.txt nor calendar_dates.txt` });
      continue;
    }
    const trainNo = (row.get('trip_short_name') || tripId).toUpperCase();
    out.push({ tripId, serviceId, routeId: row.get('route_id'), trainNo });
  }
  return out;
}

function readStopTimes(table: CsvTable | undefined, stopIds: Set<string>, trips: GtfsTrip[], problems: FeedProblem[], warnings: string[]): GtfsStopTime[] {
  const tripIds = new Set(trips.map((t) => t.tripId));
  const byTrip = new Map<string, Array<GtfsStopTime & { line: number }>>();
  for (const row of table?.rows ?? []) {
    const at = (message: string) => problems.push({ file: 'stop_times.txt', line: row.line, message });
    const before = problems.length;
    const tripId = row.get('trip_id');
    const stopId = row.get('stop_id');
    const seqText = row.get('stop_sequence');
    if (!tripIds.has(tripId)) at(`trip_id "${tripId}" is not in trips.txt`);
    if (!stopIds.has(stopId)) at(`stop_id "${stopId}" is not in stops.txt`);
    if (!/^\d+$/.test(seqText)) at(`stop_sequence "${seqText}" is not a non-negative integer`);
    const arrText = row.get('arrival_time');
    const depText = row.get('departure_time');
    // GTFS allows one of the two to be empty at a timed stop: the train arrives and leaves at once
    const arr = parseGtfsTime(arrText || depText);
    const dep = parseGtfsTime(depText || arrText);
    if (!arrText && !depText) at('arrival_time and departure_time are both empty (untimed stops are not supported)');
    else {
      if (arr === null) at(`arrival_time "${arrText}" is not a time HH:MM:SS`);
      if (dep === null) at(`departure_time "${depText}" is not a time HH:MM:SS`);
      if (arr !== null && dep !== null && dep < arr) at(`departure_time ${depText} is before arrival_time ${arrText}`);
    }
    if (problems.length !== before || arr === null || dep === null) continue;
    const list = byTrip.get(tripId) ?? [];
    list.push({ tripId, stopId, stopSequence: Number(seqText), arrivalS: arr, departureS: dep, line: row.line });
    byTrip.set(tripId, list);
  }
  const out: GtfsStopTime[] = [];
  for (const [tripId, list] of byTrip) {
    // stop_times.txt need not be ordered; order and times are checked along stop_sequence
    list.sort((a, b) => a.stopSequence - b.stopSequence || a.line - b.line);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (cur.stopSequence === prev.stopSequence) problems.push({ file: 'stop_times.txt', line: cur.line, message: `trip ${tripId}: stop_sequence ${cur.stopSequence} repeats line ${prev.line}` });
      else if (cur.arrivalS < prev.departureS) problems.push({ file: 'stop_times.txt', line: cur.line, message: `trip ${tripId}: arrives before it left the previous stop (line ${prev.line})` });
    }
    if (list.length < 2) warnings.push(`trip ${tripId} has fewer than two stops`);
    for (const { line: _line, ...st } of list) out.push(st);
  }
  for (const t of trips) if (!byTrip.has(t.tripId)) warnings.push(`trip ${t.tripId} (${t.trainNo}) has no stop times`);
  return out;
}
