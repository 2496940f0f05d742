export interface StopRef {
  stopId: string;
  name: string;
}

export interface StationRef {
  id: string;
  name: string;
}

export interface StopMatch {
  /** stop id → station id, for the stops that matched */
  matched: Map<string, string>;
  warnings: string[];
}

/** Station names as timetables write them: "柳州站", "柳州 站台", "柳 州" all mean 柳州. */
export function normaliseStationName(name: string): string {
  return name.replace(/[\s\u3000]+/g, '').replace(/(站台|站)$/, '');
}

/**
 * Matches GTFS stops to network stations: by id first (feeds exported from our own network),
 * then by exact name, then by normalised name. A name that fits several stations is not guessed.
 */
export function matchStops(stops: StopRef[], stations: StationRef[]): StopMatch {
  const ids = new Set(stations.map((s) => s.id));
  const byName = group(stations, (s) => s.name);
  const byNorm = group(stations, (s) => normaliseStationName(s.name));
  const matched = new Map<string, string>();
  const warnings: string[] = [];
  for (const stop of stops) {
    if (ids.has(stop.stopId)) { matched.set(stop.stopId, stop.stopId); continue; }
    const candidates = byName.get(stop.name) ?? byNorm.get(normaliseStationName(stop.name)) ?? [];
    if (candidates.length === 1) matched.set(stop.stopId, candidates[0]!);
    else if (candidates.length > 1) warnings.push(`stop ${stop.stopId} "${stop.name}" fits several stations (${candidates.join(', ')}); not matched`);
    else warnings.push(`stop ${stop.stopId} "${stop.name}" matches no station of the network; its trains have no position or jurisdiction there`);
  }
  return { matched, warnings };
}

function group(stations: StationRef[], key: (s: StationRef) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of stations) {
    const k = key(s);
    if (!k) continue;
    const list = out.get(k) ?? [];
    list.push(s.id);
    out.set(k, list);
  }
  return out;
}
