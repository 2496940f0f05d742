import type { LonLat, NetworkGeoJSON } from '@railjoint/contracts';

/**
 * A stretch of a line between two measures (metres along its geometry), as the server measures
 * them (network/line-geometry.ts): each segment's length in a local projection at its
 * mid-latitude on the WGS84 ellipsoid, and no length across the gap between two parts of a
 * MultiLineString. The console has the same geometry, so a sensor's or a window's stretch is
 * drawn where the server placed it.
 */
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

function segmentLengthM(a: LonLat, b: LonLat): number {
  const phi = ((a[1] + b[1]) / 2) * RAD;
  const s = Math.sin(phi);
  const w = 1 - E2 * s * s;
  const ky = ((A * (1 - E2)) / (w * Math.sqrt(w))) * RAD;
  const kx = (A / Math.sqrt(w)) * Math.cos(phi) * RAD;
  return Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * ky);
}

export type LineParts = LonLat[][];

/** Each line's parts by id, read once from the network. */
export function lineParts(network: NetworkGeoJSON): Map<string, LineParts> {
  const out = new Map<string, LineParts>();
  for (const f of network.features) {
    if (f.properties.kind !== 'line') continue;
    const g = f.geometry as { type: string; coordinates: unknown };
    out.set(f.properties.id, g.type === 'LineString' ? [g.coordinates as LonLat[]] : (g.coordinates as LonLat[][]));
  }
  return out;
}

/** The coordinates between two measures (either order), one array per part crossed. */
export function sliceByMeasure(parts: LineParts, fromM: number, toM: number): LonLat[][] {
  const lo = Math.min(fromM, toM);
  const hi = Math.max(fromM, toM);
  const out: LonLat[][] = [];
  let m = 0;
  for (const part of parts) {
    let current: LonLat[] = [];
    for (let i = 1; i < part.length; i++) {
      const a = part[i - 1]!;
      const b = part[i]!;
      const len = segmentLengthM(a, b);
      const start = m;
      const end = m + len;
      m = end;
      if (end < lo || start > hi || len === 0) continue;
      const at = (x: number): LonLat => {
        const f = (x - start) / len;
        return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
      };
      if (current.length === 0) current.push(start >= lo ? a : at(lo));
      current.push(end <= hi ? b : at(hi));
    }
    if (current.length > 1) out.push(current);
  }
  return out;
}
