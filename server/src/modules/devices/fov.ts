import type { FieldOfView, LonLat } from '@railjoint/contracts';
import { distanceM, metresPerDegree } from '../network/geo.js';

/** Compass bearing from one point to another, degrees clockwise from north, in [0, 360). */
export function bearingDeg(from: LonLat, to: LonLat): number {
  const { kx, ky } = metresPerDegree((from[1] + to[1]) / 2);
  const east = (to[0] - from[0]) * kx;
  const north = (to[1] - from[1]) * ky;
  const deg = (Math.atan2(east, north) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** Smallest angle between two bearings, degrees in [0, 180]. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/**
 * Whether a camera standing at `at` sees `point`: within its range and inside the wedge of its
 * field of view. A camera sees the ground it stands on, whatever its bearing (a point within a
 * metre counts as seen: mileage and GPS are not better than that).
 */
export function fovCovers(at: LonLat, fov: FieldOfView, point: LonLat): boolean {
  const d = distanceM(at, point);
  if (d > fov.rangeM) return false;
  if (d < 1 || fov.angleDeg >= 360) return true;
  return angleBetween(bearingDeg(at, point), fov.bearingDeg) <= fov.angleDeg / 2;
}

/**
 * The stretch of a line a camera sees, as a measure range: the line is sampled every few metres
 * within the camera's range and the seen samples kept. Null when the camera sees none of it.
 */
export function coveredStretch(at: LonLat, fov: FieldOfView, lineAt: (measure: number) => LonLat, nearMeasure: number, lengthM: number): { fromM: number; toM: number } | null {
  const step = Math.max(2, fov.rangeM / 200);
  let lo = Infinity;
  let hi = -Infinity;
  const start = Math.max(0, nearMeasure - fov.rangeM);
  const end = Math.min(lengthM, nearMeasure + fov.rangeM);
  for (let m = start; m <= end; m += step) {
    if (fovCovers(at, fov, lineAt(m))) {
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
  }
  return lo <= hi ? { fromM: lo, toM: hi } : null;
}
