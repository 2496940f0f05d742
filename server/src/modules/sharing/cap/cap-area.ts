import type { LonLat } from '@railjoint/contracts';
import type { CapArea } from './cap-parse.js';

function ring(polygon: string): LonLat[] {
  return polygon
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [lat, lon] = pair.split(',').map(Number);
      return [lon!, lat!] as LonLat;
    });
}

function inRing(p: LonLat, r: LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i]!;
    const [xj, yj] = r[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function haversineKm(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** Whether a point lies in any polygon or circle of the CAP areas ("lat,lon" pairs; circles in km). */
export function inCapAreas(p: LonLat, areas: readonly CapArea[]): boolean {
  for (const a of areas) {
    for (const poly of a.polygons) if (inRing(p, ring(poly))) return true;
    for (const c of a.circles) {
      const [centre, radius] = c.trim().split(/\s+/);
      const [lat, lon] = centre!.split(',').map(Number);
      if (haversineKm(p, [lon!, lat!]) <= Number(radius)) return true;
    }
  }
  return false;
}
