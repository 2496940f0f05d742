import { tryParseMileage, type NetworkGeoJSON } from '@railjoint/contracts';

/** A stop outside the department (not a station of the demo network), with its distance from the previous stop. */
interface Outside {
  name: string;
  stopId: string;
  km: number;
}
type RouteStop = string | Outside;

interface TrainPair {
  /** the down train (odd number) runs the route as written; the up train (even) the reverse */
  numbers: [string, string];
  route: RouteStop[];
  departs: [string, string];
  service: 'daily' | 'daily-t' | 'weekend' | 'alternate';
}

// Real-looking numbers, including every train held by the demo's train police teams.
const PAIRS: TrainPair[] = [
  { numbers: ['K149', 'K150'], route: ['灵川', '桂林北', '桂林', '桂林南', '苏桥', '永福', '黄冕', '鹿寨', '雒容', '柳州', '柳州南', '凤凰', '来宾', '大湾', '迁江', '黎塘'], departs: ['06:40', '22:10'], service: 'daily' },
  { numbers: ['K1207', 'K1206'], route: ['三江', '丹洲', '融安', '融水', '和睦', '洛满', '沙塘', '柳州', '进德', '三岔', '宜州', '怀远', '河池', '金城江', '南丹'], departs: ['20:30', '09:15'], service: 'daily' },
  { numbers: ['K9305', 'K9306'], route: ['柳州', '进德', '三岔', '宜州', '怀远', '德胜', '河池', '金城江', '六甲', '车河', '南丹'], departs: ['07:50', '14:20'], service: 'daily' },
  { numbers: ['T8701', 'T8702'], route: ['桂林', '永福', '鹿寨', '柳州'], departs: ['08:05', '17:30'], service: 'daily-t' },
  { numbers: ['Z285', 'Z286'], route: ['桂林北', '柳州', '来宾', '黎塘'], departs: ['23:48', '01:20'], service: 'daily' },
  { numbers: ['K1167', 'K1166'], route: ['三江', '融安', '融水', '柳州', '柳州南', '来宾', '黎塘'], departs: ['12:10', '18:45'], service: 'weekend' },
  { numbers: ['K9313', 'K9314'], route: ['三江', '丹洲', '融安', '融水', '和睦', '洛满', '沙塘', '柳州'], departs: ['06:20', '15:05'], service: 'daily' },
  { numbers: ['K9321', 'K9322'], route: ['柳州', '进德', '三岔', '宜州', '怀远', '河池', '金城江'], departs: ['10:35', '16:40'], service: 'alternate' },
  { numbers: ['G1501', 'G1502'], route: ['桂林北', '永福南', '鹿寨北', '柳州', '柳江', '来宾北', '黎塘西', '宾阳', { name: '南宁东', stopId: 'ext-nanningdong', km: 72 }], departs: ['07:15', '19:05'], service: 'daily' },
  { numbers: ['G2907', 'G2906'], route: ['三江南', '桂林西', '阳朔'], departs: ['09:40', '16:25'], service: 'daily' },
  { numbers: ['D3601', 'D3602'], route: ['桂林北', '永福南', '鹿寨北', '柳州'], departs: ['06:55', '21:50'], service: 'daily' },
  { numbers: ['D8251', 'D8252'], route: ['柳州', '柳江', '来宾北', '黎塘西', '宾阳'], departs: ['08:30', '12:45'], service: 'alternate' },
  { numbers: ['D8291', 'D8292'], route: ['柳州', '来宾北', '宾阳'], departs: ['17:20', '20:10'], service: 'weekend' },
];

/** Average speed between stops (with acceleration and braking) and dwell, by train class. */
const CLASS: Record<string, { kmh: number; dwellMin: number }> = {
  G: { kmh: 200, dwellMin: 2 },
  D: { kmh: 160, dwellMin: 2 },
  Z: { kmh: 100, dwellMin: 4 },
  T: { kmh: 90, dwellMin: 4 },
  K: { kmh: 70, dwellMin: 3 },
};

export const DEMO_TIMETABLE_START = '20260101';
export const DEMO_TIMETABLE_END = '20271231';

interface StationInfo {
  id: string;
  telecode: string | null;
  lines: Map<string, number>;
  at: [number, number];
}

function csv(rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function hms(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

function km(a: StationInfo, b: StationInfo): number {
  for (const [line, m] of a.lines) {
    const n = b.lines.get(line);
    if (n !== undefined) return Math.abs(n - m) / 1000;
  }
  // no shared line with mileages: the straight distance with a detour factor
  const rad = Math.PI / 180;
  const dx = (b.at[0] - a.at[0]) * Math.cos(((a.at[1] + b.at[1]) / 2) * rad) * 111.32;
  const dy = (b.at[1] - a.at[1]) * 110.57;
  return Math.hypot(dx, dy) * 1.25;
}

/**
 * A GTFS feed (file name → text) for the demo department, derived from the network so run times
 * follow the mileages. Deterministic; times past 24:00 for night trains, two services defined only
 * in calendar_dates.txt, and some stops named rather than given station ids so matching is exercised.
 */
export function generateDemoTimetable(network: NetworkGeoJSON): Record<string, string> {
  const stations = new Map<string, StationInfo>();
  for (const f of network.features) {
    if (f.properties.kind !== 'station' || f.geometry.type !== 'Point') continue;
    const lines = new Map<string, number>();
    for (const l of f.properties.lines) {
      const m = l.mileage ? tryParseMileage(l.mileage) : null;
      if (m) lines.set(l.lineId, m.metres);
    }
    stations.set(f.properties.name, { id: f.properties.id, telecode: f.properties.telecode ?? null, lines, at: f.geometry.coordinates as [number, number] });
  }
  const station = (name: string): StationInfo => {
    const s = stations.get(name);
    if (!s) throw new Error(`demo timetable: no station ${name} in the network`);
    return s;
  };

  const usedNames = [...new Set(PAIRS.flatMap((p) => p.route.filter((r): r is string => typeof r === 'string')))].sort();
  // every other stop is given by telecode and "name站", as timetables from the operator would be
  const stopIdOf = new Map(usedNames.map((name, i) => [name, i % 2 === 0 || !station(name).telecode ? station(name).id : station(name).telecode!]));
  const stops: Array<Array<string | number>> = [['stop_id', 'stop_name', 'stop_lat', 'stop_lon']];
  for (const name of usedNames) {
    const s = station(name);
    const id = stopIdOf.get(name)!;
    stops.push([id, id === s.id ? name : `${name}站`, s.at[1], s.at[0]]);
  }
  for (const p of PAIRS) for (const r of p.route) if (typeof r !== 'string' && !stops.some((row) => row[0] === r.stopId)) stops.push([r.stopId, r.name, '', '']);

  const trips: Array<Array<string | number>> = [['route_id', 'service_id', 'trip_id', 'trip_short_name', 'direction_id']];
  const times: Array<Array<string | number>> = [['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence']];
  const routes: Array<Array<string | number>> = [['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type']];
  for (const pair of PAIRS) {
    const routeId = `r-${pair.numbers[0]}`;
    const name = (r: RouteStop) => (typeof r === 'string' ? r : r.name);
    routes.push([routeId, 'lz', pair.numbers.join('/'), `${name(pair.route[0]!)}—${name(pair.route[pair.route.length - 1]!)}`, 2]);
    for (const dir of [0, 1] as const) {
      const number = pair.numbers[dir];
      const cls = CLASS[number[0]!]!;
      const route = dir === 0 ? pair.route : [...pair.route].reverse();
      const tripId = `${number}-${pair.service}`;
      trips.push([routeId, pair.service, tripId, number, dir]);
      const [h, m] = pair.departs[dir].split(':').map(Number) as [number, number];
      let t = h * 60 + m;
      route.forEach((r, i) => {
        if (i > 0) {
          const prev = route[i - 1]!;
          const dist = typeof r !== 'string' ? r.km : typeof prev !== 'string' ? prev.km : km(station(prev), station(r));
          t += Math.max(3, Math.round((dist / cls.kmh) * 60));
        }
        const last = i === route.length - 1;
        const dwell = i === 0 || last ? 0 : name(r) === '柳州' ? cls.dwellMin + 6 : cls.dwellMin;
        const stopId = typeof r === 'string' ? stopIdOf.get(r)! : r.stopId;
        times.push([tripId, hms(t), hms(t + dwell), stopId, i + 1]);
        t += dwell;
      });
    }
  }

  const calendar: Array<Array<string | number>> = [['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date']];
  calendar.push(['daily', 1, 1, 1, 1, 1, 1, 1, DEMO_TIMETABLE_START, DEMO_TIMETABLE_END]);
  calendar.push(['daily-t', 1, 1, 1, 1, 1, 1, 1, DEMO_TIMETABLE_START, DEMO_TIMETABLE_END]);
  calendar.push(['weekend', 0, 0, 0, 0, 1, 1, 1, DEMO_TIMETABLE_START, DEMO_TIMETABLE_END]);
  const dates: Array<Array<string | number>> = [['service_id', 'date', 'exception_type']];
  // 'alternate' exists only in calendar_dates.txt: every other day, as extra trains are published
  const start = Date.UTC(2026, 0, 1);
  for (let d = 0; start + d * 86400_000 <= Date.UTC(2027, 11, 31); d += 2) {
    dates.push(['alternate', new Date(start + d * 86400_000).toISOString().slice(0, 10).replace(/-/g, ''), 1]);
  }
  // the T pair does not run on New Year's Eve 2026 (track maintenance) but runs extra on a weekend
  dates.push(['daily-t', '20261231', 2]);
  dates.push(['weekend', '20261202', 1]);

  return {
    'agency.txt': csv([['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_lang'], ['lz', 'Liuzhou Railway, demo timetable', 'https://example.invalid/', 'Asia/Shanghai', 'zh']]),
    'routes.txt': csv(routes),
    'stops.txt': csv(stops),
    'trips.txt': csv(trips),
    'stop_times.txt': csv(times),
    'calendar.txt': csv(calendar),
    'calendar_dates.txt': csv(dates),
  };
}
