import type { FieldOfView, LonLat } from '@railjoint/contracts';

/**
 * A camera's field of view as a polygon on the map: the wedge from where it stands, `angleDeg`
 * wide about its bearing (degrees clockwise from north), `rangeM` deep, in a local flat
 * projection (a few hundred metres: the earth's curve does not show).
 */
export function fovWedge(at: LonLat, fov: FieldOfView, steps = 16): LonLat[] {
  const ky = 111_320;
  const kx = 111_320 * Math.cos((at[1] * Math.PI) / 180);
  const angle = Math.min(fov.angleDeg, 360);
  const point = (deg: number): LonLat => {
    const r = (deg * Math.PI) / 180;
    return [at[0] + (Math.sin(r) * fov.rangeM) / kx, at[1] + (Math.cos(r) * fov.rangeM) / ky];
  };
  const arc: LonLat[] = [];
  for (let i = 0; i <= steps; i++) arc.push(point(fov.bearingDeg - angle / 2 + (angle * i) / steps));
  // a full circle has no apex; a wedge starts and ends where the camera stands
  return angle >= 360 ? [...arc, arc[0]!] : [at, ...arc, at];
}
