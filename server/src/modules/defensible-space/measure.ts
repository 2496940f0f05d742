import type { Kysely } from 'kysely';
import { FieldOfView, type LonLat, type MeasuredKind, type SpaceMeasuredValue } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { distanceM } from '../network/geo.js';
import { fovCovers } from '../devices/fov.js';
import type { NetworkService } from '../network/service.js';
import { scoreMeasured } from './model.js';

/** How far round a site the platform counts patrols, hazards and incidents. */
export const NEAR_M = 1000;
/** The approaches a camera should cover: the line this far either side of the site, every STEP_M. */
const APPROACH_M = 250;
const STEP_M = 10;
const DAY = 86_400_000;

export interface SitePlace {
  lineId: string;
  measureM: number;
  coordinates: LonLat;
}

/**
 * What the platform itself knows about a site, as the assessment's measured items: the share of
 * the line within 250 m either side inside some camera's field of view; accepted patrol check-ins
 * within 1 km a week, over the last four weeks; hazards still open within 1 km; incidents within
 * 1 km in the last year, live (duplicates and merged ones not counted) and imported history.
 */
export async function measureSite(db: Kysely<Database>, network: NetworkService, site: SitePlace, nowMs: number): Promise<Map<MeasuredKind, SpaceMeasuredValue>> {
  const [lon, lat] = site.coordinates;
  // cameras reach up to 5 km, so their box is wider than the 1 km one
  const near = boxAround(site.coordinates, NEAR_M * 1.1);
  const far = boxAround(site.coordinates, 5_500);
  const within = withinNear(site.coordinates);

  const cameras = await db
    .selectFrom('devices')
    .select(['lon', 'lat', 'fov'])
    .where('kind', '=', 'camera')
    .where('enabled', '=', 1)
    .where('fov', 'is not', null)
    .where('lon', '>=', lon - far.dLon)
    .where('lon', '<=', lon + far.dLon)
    .where('lat', '>=', lat - far.dLat)
    .where('lat', '<=', lat + far.dLat)
    .execute();
  const views = cameras.flatMap((c) => {
    const fov = FieldOfView.safeParse(JSON.parse(c.fov!));
    return fov.success ? [{ at: [c.lon, c.lat] as LonLat, fov: fov.data }] : [];
  });
  const model = network.current();
  let samples = 0;
  let covered = 0;
  for (let m = site.measureM - APPROACH_M; m <= site.measureM + APPROACH_M; m += STEP_M) {
    samples++;
    const p = model.atMeasure(site.lineId, m).onLine as LonLat;
    if (views.some((v) => fovCovers(v.at, v.fov, p))) covered++;
  }
  const coverage = samples ? Math.round((covered / samples) * 100) / 100 : 0;

  const since = (days: number) => new Date(nowMs - days * DAY).toISOString();
  const inBox = <T extends { lon: number | null; lat: number | null }>(rows: T[]) => rows.filter(within);
  const checkIns = inBox(
    await db.selectFrom('patrol_check_ins').select(['lon', 'lat']).where('accepted', '=', 1).where('client_at', '>=', since(28)).where('lon', '>=', lon - near.dLon).where('lon', '<=', lon + near.dLon).where('lat', '>=', lat - near.dLat).where('lat', '<=', lat + near.dLat).execute(),
  ).length;
  const hazards = inBox(
    await db.selectFrom('hazards').select(['lon', 'lat']).where('status', 'not in', ['closed', 'rejected']).where('lon', '>=', lon - near.dLon).where('lon', '<=', lon + near.dLon).where('lat', '>=', lat - near.dLat).where('lat', '<=', lat + near.dLat).execute(),
  ).length;
  const incidents = await incidentsNear(db, site.coordinates, since(365), new Date(nowMs).toISOString());
  const values: Array<[MeasuredKind, number]> = [
    ['camera_coverage', coverage],
    ['patrols_per_week', Math.round((checkIns / 4) * 10) / 10],
    ['open_hazards', hazards],
    ['incidents_last_year', incidents],
  ];
  return new Map(values.map(([kind, value]) => [kind, { kind, value, score: scoreMeasured(kind, value) }]));
}

/** Half-sizes in degrees of a box `m` metres each way round a point: narrows the SQL before the exact distance. */
function boxAround(at: LonLat, m: number): { dLat: number; dLon: number } {
  return { dLat: m / 111_000, dLon: m / (111_000 * Math.cos((at[1] * Math.PI) / 180)) };
}

/** Whether a row's point lies within NEAR_M of `at`, by the exact distance. */
const withinNear = (at: LonLat) => (p: { lon: number | null; lat: number | null }) => p.lon !== null && p.lat !== null && distanceM([p.lon, p.lat], at) <= NEAR_M;

/**
 * Incidents within 1 km of a point in [from, to): live ones (not duplicates or merged) and the
 * imported history (`risk_history`), which is kept apart from live incidents.
 */
export async function incidentsNear(db: Kysely<Database>, at: LonLat, from: string, to: string): Promise<number> {
  const [lon, lat] = at;
  const { dLat, dLon } = boxAround(at, NEAR_M * 1.1);
  const within = withinNear(at);
  const live = await db
    .selectFrom('incidents')
    .select(['lon', 'lat'])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .where('duplicate_of', 'is', null)
    .where('merged_into', 'is', null)
    .where('lon', '>=', lon - dLon)
    .where('lon', '<=', lon + dLon)
    .where('lat', '>=', lat - dLat)
    .where('lat', '<=', lat + dLat)
    .execute();
  const past = await db
    .selectFrom('risk_history')
    .select(['lon', 'lat'])
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .where('lon', '>=', lon - dLon)
    .where('lon', '<=', lon + dLon)
    .where('lat', '>=', lat - dLat)
    .where('lat', '<=', lat + dLat)
    .execute();
  return live.filter(within).length + past.filter(within).length;
}
