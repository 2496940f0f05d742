import type { DeviceInput, FieldOfView } from '@railjoint/contracts';
import type { NetworkModel } from '../network/network-model.js';
import type { OrganisationService } from '../organisation/service.js';
import { coveredStretch } from './fov.js';
import { said, saidOf, type Said } from '../../platform/http/errors.js';

/** Where a device stands on the network, and who has jurisdiction there. */
export interface Placement {
  lon: number;
  lat: number;
  lineId: string | null;
  fromM: number | null;
  toM: number | null;
  fromMileage: string | null;
  toMileage: string | null;
  jurisdiction: string[];
}

export class PlacementError extends Error {
  constructor(
    readonly field: string,
    readonly said: Said,
  ) {
    super(said.en);
  }
}

/** How far from a line a point device (or camera) still belongs to it. */
const LINE_REACH_M = 500;
/** A linear sensor's jurisdiction is asked at both ends and every this many metres between. */
const SAMPLE_M = 1000;

/**
 * Places a device: a point on its nearest line (a camera on the stretch it sees), a station at the
 * station, a linear sensor on its mileage range. Jurisdiction comes from the organisation module
 * at each sampled place, so a fence sensor crossing a boundary is read by both sides.
 */
export function placeDevice(input: Pick<DeviceInput, 'kind' | 'location' | 'fieldOfView'>, network: NetworkModel, org: OrganisationService): Placement {
  const loc = input.location;
  const jurisdictionAt = (q: Parameters<OrganisationService['resolve']>[0]) => {
    try {
      return org.resolve(q).jurisdiction.map((a) => a.agencyId);
    } catch {
      return [];
    }
  };
  const mileageAt = (lineId: string, m: number) => network.atMeasure(lineId, m).mileage;
  if ('lineId' in loc) {
    const line = network.line(loc.lineId);
    if (!line) throw new PlacementError('location.lineId', said(`线路「${loc.lineId}」不存在`, `unknown line "${loc.lineId}"`));
    const measure = (text: string, field: string) => {
      try {
        return network.position(loc.lineId, text).candidates[0]!.measureM;
      } catch (e) {
        throw new PlacementError(`location.${field}`, saidOf(e));
      }
    };
    const a = measure(loc.from, 'from');
    const b = measure(loc.to, 'to');
    if (Math.abs(b - a) > 100_000) throw new PlacementError('location.to', said('线型传感器覆盖范围至多 100 公里', 'a linear sensor covers at most 100 km'));
    const fromM = Math.min(a, b);
    const toM = Math.max(a, b);
    const agencies = new Set<string>();
    for (let m = fromM; ; m = Math.min(toM, m + SAMPLE_M)) {
      const [lon, lat] = line.ref.pointAt(m);
      for (const id of jurisdictionAt({ lon, lat, lineId: loc.lineId })) agencies.add(id);
      if (m >= toM) break;
    }
    const [lon, lat] = line.ref.pointAt((fromM + toM) / 2);
    // positions along the sensor count from `from`, which may be the higher mileage
    return { lon, lat, lineId: line.id, fromM: a, toM: b, fromMileage: loc.from, toMileage: loc.to, jurisdiction: [...agencies] };
  }
  if ('stationId' in loc) {
    const station = network.station(loc.stationId);
    if (!station) throw new PlacementError('location.stationId', said(`车站「${loc.stationId}」不存在`, `unknown station "${loc.stationId}"`));
    const on = station.lines[0];
    const [lon, lat] = station.coordinates;
    return {
      lon,
      lat,
      lineId: on?.lineId ?? null,
      fromM: on?.measureM ?? null,
      toM: on?.measureM ?? null,
      fromMileage: on?.mileage ?? null,
      toMileage: on?.mileage ?? null,
      jurisdiction: jurisdictionAt({ stationId: loc.stationId }),
    };
  }
  const jurisdiction = jurisdictionAt({ lon: loc.lon, lat: loc.lat });
  const near = network.locateAll([loc.lon, loc.lat], { maxOffsetM: LINE_REACH_M });
  // a camera belongs to the nearest line it actually sees (two lines often run side by side)
  if (input.kind === 'camera' && input.fieldOfView) {
    for (const hit of near) {
      const seen = cameraStretch([loc.lon, loc.lat], input.fieldOfView, network.line(hit.lineId)!.ref, hit.measureM);
      if (seen) return { lon: loc.lon, lat: loc.lat, lineId: hit.lineId, fromM: seen.fromM, toM: seen.toM, fromMileage: mileageAt(hit.lineId, seen.fromM), toMileage: mileageAt(hit.lineId, seen.toM), jurisdiction };
    }
  }
  const located = near[0];
  if (!located) return { lon: loc.lon, lat: loc.lat, lineId: null, fromM: null, toM: null, fromMileage: null, toMileage: null, jurisdiction };
  const m = located.measureM;
  return { lon: loc.lon, lat: loc.lat, lineId: located.lineId, fromM: m, toM: m, fromMileage: mileageAt(located.lineId, m), toMileage: mileageAt(located.lineId, m), jurisdiction };
}

function cameraStretch(at: [number, number], fov: FieldOfView, ref: { pointAt(m: number): [number, number]; lengthM: number }, near: number) {
  return coveredStretch(at, fov, (m) => ref.pointAt(m), near, ref.lengthM);
}
