import type { LonLat, PlaceKind, RouteKind, UnitKind, UnitStatus } from '@railjoint/contracts';
import { distanceM } from '../network/geo.js';
import { stationDisplayName } from '@railjoint/contracts';

export interface KindSpeed {
  kmh: number;
  /** road or path length over the straight line (≥ 1) */
  detour: number;
}

/** null: the kind does not travel on its own (a train police team moves with its train). */
export type SpeedTable = Record<UnitKind, KindSpeed | null>;

export const DEFAULT_SPEEDS: SpeedTable = {
  patrol_car: { kmh: 40, detour: 1.3 },
  local_police_car: { kmh: 45, detour: 1.3 },
  // People on foot cut across more than cars but still follow paths and crossings.
  foot_team: { kmh: 5, detour: 1.2 },
  volunteer_team: { kmh: 4, detour: 1.2 },
  station_post: { kmh: 5, detour: 1.2 },
  train_police_team: null,
};

export interface EtaOptions {
  speeds?: Partial<SpeedTable>;
  /** walking speed inside the fence, along the track (ballast, no running), km/h */
  trackWalkKmh?: number;
  /** time to get through an access point: unlocking a gate, a station's ticket and security line */
  accessOverheadS?: { access_gate: number; station: number };
  lang?: 'zh-CN' | 'en';
}

/** The options resolved once, so per-unit work does no merging. */
export interface EtaModel {
  speeds: SpeedTable;
  trackWalkKmh: number;
  accessOverheadS: { access_gate: number; station: number };
  lang: 'zh-CN' | 'en';
  /** the fastest speed any unit moves at on its own, m/s: turns a distance into a lower bound of time */
  maxSpeedMps: number;
}

export function etaModel(opts: EtaOptions = {}): EtaModel {
  const speeds: SpeedTable = { ...DEFAULT_SPEEDS, ...opts.speeds };
  for (const k of Object.keys(speeds) as UnitKind[]) {
    const s = speeds[k];
    // A detour under 1 would break the lower bound the spatial search relies on.
    if (s) speeds[k] = { kmh: Math.max(0.1, s.kmh), detour: Math.max(1, s.detour) };
  }
  const trackWalkKmh = opts.trackWalkKmh ?? 5;
  const maxKmh = Math.max(trackWalkKmh, ...Object.values(speeds).map((s) => s?.kmh ?? 0));
  return {
    speeds,
    trackWalkKmh,
    accessOverheadS: opts.accessOverheadS ?? { access_gate: 60, station: 120 },
    lang: opts.lang ?? 'zh-CN',
    maxSpeedMps: maxKmh / 3.6,
  };
}

/** A way into the railway: an access gate in the fence or a station, placed on one line. */
export interface AccessPoint {
  id: string;
  name: string;
  kind: 'access_gate' | 'station';
  coordinates: LonLat;
  lineId: string;
  measureM: number;
}

export interface DispatchTarget {
  coordinates: LonLat;
  placeKind: PlaceKind;
  /** the located line and measure (internal, along the geometry); null when off the network */
  line: { lineId: string; measureM: number } | null;
  stationId?: string | null;
  /** the train the incident is on, when placeKind is "train" */
  train?: string | null;
}

export interface DispatchUnit {
  id: string;
  agencyId: string;
  kind: UnitKind;
  status: UnitStatus;
  position: LonLat | null;
  train?: string | null;
  /** inside the railway already; with `line` it can walk along the track without an access point */
  onRailway?: boolean;
  line?: { lineId: string; measureM: number } | null;
}

/** Seconds from now until the train reaches the station, or null when it does not call there. */
export type TrainArrivalFn = (train: string, stationId: string) => number | null;

export interface PreparedTarget {
  target: DispatchTarget;
  /** true when a unit from outside must come in through an access point */
  needsAccess: boolean;
  /** access points on the target's line, nearest along the track first */
  access: Array<{ point: AccessPoint; walkM: number }>;
  /** stations nearest first (along the track on the same line, else straight), for units on trains */
  stations: Array<{ point: AccessPoint; walkM: number }>;
}

/** Per incident, once: which access points matter and in what order. */
export function prepareTarget(target: DispatchTarget, accessPoints: readonly AccessPoint[]): PreparedTarget {
  const line = target.line;
  const inside = target.placeKind === 'line_enclosure' || (target.placeKind === 'train' && !target.stationId);
  // Without a located line no access point can be chosen; the straight estimate is all there is.
  const needsAccess = inside && line !== null;
  const access: PreparedTarget['access'] = [];
  const stations: PreparedTarget['stations'] = [];
  for (const p of accessPoints) {
    const sameLine = line !== null && p.lineId === line.lineId;
    if (sameLine) access.push({ point: p, walkM: Math.abs(p.measureM - line.measureM) });
    if (p.kind === 'station') {
      if (sameLine) stations.push({ point: p, walkM: Math.abs(p.measureM - line.measureM) });
      else if (!needsAccess) stations.push({ point: p, walkM: distanceM(p.coordinates, target.coordinates) });
    }
  }
  access.sort((a, b) => a.walkM - b.walkM);
  stations.sort((a, b) => a.walkM - b.walkM);
  return { target, needsAccess, access, stations };
}

/** The figures of an ETA; text is added only for the units that end up recommended. */
export interface EtaFigures {
  etaS: number;
  /** distance covered by road and on foot (a train ride not counted), metres */
  distanceM: number;
  route: RouteKind;
  via: AccessPoint | null;
  /** how the unit gets there, for the wording */
  how: 'along_track' | 'direct' | 'access' | 'on_incident_train' | 'train';
  roadM: number;
  walkM: number;
  rideS: number;
  train: string | null;
}

export interface EtaResult extends EtaFigures {
  reason: string;
  assumptions: string[];
}

const T = (m: EtaModel, zh: string, en: string) => (m.lang === 'en' ? en : zh);
const km = (m: number) => (m / 1000).toFixed(1);
const min = (s: number) => Math.max(1, Math.round(s / 60));

/**
 * How long a unit needs to reach the incident, and how. A unit outside the fence cannot walk onto
 * the track where it likes: for an incident inside the enclosure it goes to an access gate or a
 * station on that line and walks along the track from there. Returns null when the unit cannot
 * get there at all (no position, a train team not on a train, or no access point on the line).
 */
export function estimateEta(unit: DispatchUnit, prepared: PreparedTarget, model: EtaModel, trainArrival?: TrainArrivalFn | null): EtaResult | null {
  const f = etaFigures(unit, prepared, model, trainArrival);
  return f ? { ...f, ...describeEta(f, unit, model) } : null;
}

/** The numbers only: the hot path of a recommendation, run for every candidate unit. */
export function etaFigures(unit: DispatchUnit, prepared: PreparedTarget, model: EtaModel, trainArrival?: TrainArrivalFn | null): EtaFigures | null {
  const { target } = prepared;
  const speed = model.speeds[unit.kind];
  if (unit.train) return byTrain(unit.train, prepared, model, trainArrival);
  if (!speed || !unit.position) return null;
  const walkMps = Math.min(speed.kmh, model.trackWalkKmh) / 3.6;
  const mps = speed.kmh / 3.6;

  // Already on the same line inside the fence: walk along the track.
  if (prepared.needsAccess && unit.onRailway && unit.line && target.line && unit.line.lineId === target.line.lineId) {
    const d = Math.abs(unit.line.measureM - target.line.measureM);
    return figures(d / walkMps, d, 'direct', null, 'along_track', 0, d, 0, null);
  }
  if (!prepared.needsAccess) {
    const d = distanceM(unit.position, target.coordinates) * speed.detour;
    return figures(d / mps, d, 'direct', null, 'direct', d, 0, 0, null);
  }

  // Walking time only grows along the sorted list: stop once walking alone exceeds the best.
  // Plain locals, no object per access point: this loop runs for every candidate unit.
  let bestT = Infinity;
  let bestRoad = 0;
  let bestWalk = 0;
  let bestP: AccessPoint | null = null;
  for (const a of prepared.access) {
    const walkS = a.walkM / walkMps;
    if (walkS >= bestT) break;
    const road = distanceM(unit.position, a.point.coordinates) * speed.detour;
    const t = road / mps + model.accessOverheadS[a.point.kind] + walkS;
    if (t < bestT) {
      bestT = t;
      bestRoad = road;
      bestWalk = a.walkM;
      bestP = a.point;
    }
  }
  if (!bestP) return null;
  return figures(bestT, bestRoad + bestWalk, bestP.kind === 'access_gate' ? 'via_access_gate' : 'via_station', bestP, 'access', bestRoad, bestWalk, 0, null);
}

function figures(etaS: number, distanceM: number, route: RouteKind, via: AccessPoint | null, how: EtaFigures['how'], roadM: number, walkM: number, rideS: number, train: string | null): EtaFigures {
  return { etaS, distanceM, route, via, how, roadM, walkM, rideS, train };
}

function byTrain(train: string, prepared: PreparedTarget, model: EtaModel, trainArrival?: TrainArrivalFn | null): EtaFigures | null {
  if (prepared.target.train && prepared.target.train === train) return figures(0, 0, 'by_train', null, 'on_incident_train', 0, 0, 0, train);
  if (!trainArrival) return null;
  const walkMps = model.trackWalkKmh / 3.6;
  let bestT = Infinity;
  let bestRide = 0;
  let bestWalk = 0;
  let bestP: AccessPoint | null = null;
  for (const s of prepared.stations) {
    const walkS = s.walkM / walkMps;
    if (walkS >= bestT) break;
    const ride = trainArrival(train, s.point.id);
    if (ride === null || ride < 0 || ride + walkS >= bestT) continue;
    bestT = ride + walkS;
    bestRide = ride;
    bestWalk = s.walkM;
    bestP = s.point;
  }
  if (!bestP) return null;
  return figures(bestT, bestWalk, 'by_train', bestP, 'train', 0, bestWalk, bestRide, train);
}

/** The sentence a dispatcher reads and the assumptions behind it, in the model's language. */
export function describeEta(f: EtaFigures, unit: DispatchUnit, model: EtaModel): { reason: string; assumptions: string[] } {
  const speed = model.speeds[unit.kind];
  const walkKmh = (speed ? Math.min(speed.kmh, model.trackWalkKmh) : model.trackWalkKmh).toFixed(1);
  const speedText = speed ? T(model, `${kindZh[unit.kind]} ${speed.kmh} km/h，绕行系数 ${speed.detour}`, `${kindEn[unit.kind]} at ${speed.kmh} km/h, detour factor ${speed.detour}`) : '';
  const walkText = T(model, `线路内步行 ${walkKmh} km/h`, `walking on the track at ${walkKmh} km/h`);
  switch (f.how) {
    case 'along_track':
      return { reason: T(model, `已在线路上，沿线步行 ${km(f.walkM)} 公里，约 ${min(f.etaS)} 分钟`, `already on the line: ${km(f.walkM)} km along the track, about ${min(f.etaS)} min`), assumptions: [walkText] };
    case 'direct':
      return { reason: T(model, `直达现场约 ${km(f.roadM)} 公里，约 ${min(f.etaS)} 分钟`, `direct to the scene, about ${km(f.roadM)} km, ${min(f.etaS)} min`), assumptions: [speedText] };
    case 'access': {
      const p = f.via!;
      const gate = p.kind === 'access_gate';
      return {
        reason: T(
          model,
          // Gates and level crossings carry their kind in their names (…通道门, …道口).
          `经「${gate ? p.name : stationDisplayName(p.name)}」进入线路（路程 ${km(f.roadM)} 公里），再沿线步行 ${km(f.walkM)} 公里，约 ${min(f.etaS)} 分钟`,
          `enter the railway at "${gate ? p.name : stationDisplayName(p.name)}" (${km(f.roadM)} km away), then ${km(f.walkM)} km on foot along the track, about ${min(f.etaS)} min`,
        ),
        assumptions: [
          speedText,
          T(model, `通过${gate ? '通道门' : '车站'}耗时 ${model.accessOverheadS[p.kind]} 秒`, `${model.accessOverheadS[p.kind]} s to get through the ${gate ? 'gate' : 'station'}`),
          walkText,
        ],
      };
    }
    case 'on_incident_train':
      return { reason: T(model, `乘务警力就在本次列车 ${f.train} 上`, `the team is on train ${f.train} itself`), assumptions: [] };
    case 'train':
      return {
        reason: T(
          model,
          `随 ${f.train} 次列车约 ${min(f.rideS)} 分钟到达「${stationDisplayName(f.via!.name)}」，再步行 ${km(f.walkM)} 公里`,
          `train ${f.train} reaches "${stationDisplayName(f.via!.name)}" in about ${min(f.rideS)} min, then ${km(f.walkM)} km on foot`,
        ),
        assumptions: [
          T(model, '按时刻表计算列车到站时间（未计晚点）', 'train arrival from the timetable (delays not counted)'),
          T(model, `下车后步行 ${model.trackWalkKmh} km/h`, `walking at ${model.trackWalkKmh} km/h after leaving the train`),
        ],
      };
  }
}

const kindEn: Record<UnitKind, string> = {
  patrol_car: 'patrol car',
  foot_team: 'foot patrol',
  train_police_team: 'train police team',
  station_post: 'station police post',
  local_police_car: 'local police car',
  volunteer_team: 'volunteer team',
};

const kindZh: Record<UnitKind, string> = {
  patrol_car: '巡逻车',
  foot_team: '徒步巡逻组',
  train_police_team: '乘警组',
  station_post: '车站警务室',
  local_police_car: '地方警车',
  volunteer_team: '护路队',
};

/**
 * A lower bound of any unit's ETA (not on a train) from its straight-line distance to the
 * incident: what lets a spatial search stop early. Outside the fence it is the distance at the
 * fastest speed. Inside, a unit must still walk from some access point (or along the track if it
 * is already on it), and by the triangle inequality its road leg is at least the distance minus
 * that walk, so the bound is the best access point for a unit that drove straight at top speed.
 */
export function etaLowerBoundS(prepared: PreparedTarget, model: EtaModel, straightM: number): number {
  if (!prepared.needsAccess) return straightM / model.maxSpeedMps;
  const walkMps = model.trackWalkKmh / 3.6;
  const minOverhead = Math.min(model.accessOverheadS.access_gate, model.accessOverheadS.station);
  let best = straightM / walkMps;
  for (const a of prepared.access) {
    const walkS = a.walkM / walkMps;
    if (minOverhead + walkS >= best) break;
    const t = Math.max(0, straightM - a.walkM) / model.maxSpeedMps + model.accessOverheadS[a.point.kind] + walkS;
    if (t < best) best = t;
  }
  return best;
}
