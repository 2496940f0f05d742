import type { AreaGeometry, LonLat } from '@railjoint/contracts';

export type Ring = LonLat[];
export type PolygonRings = Ring[];

/** Each polygon of a Polygon or MultiPolygon as its rings (outer first, then holes). */
export function polygonsOf(g: AreaGeometry): PolygonRings[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(rings: PolygonRings): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of rings[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Even-odd ray casting over every ring: a point in a hole crosses the outer ring and the hole,
 * so holes fall out without treating them specially.
 */
export function pointInPolygon(p: LonLat, rings: PolygonRings): boolean {
  const [px, py] = p;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i]!;
      const b = ring[j]!;
      if (a[1] > py !== b[1] > py && px < ((b[0] - a[0]) * (py - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside;
}

/** Problems with the rings of an area geometry, in terms a data steward can fix. */
export function ringProblems(geometry: unknown): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (!geometry || typeof geometry !== 'object') return out;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const polys: Array<{ rings: unknown; path: string }> = [];
  if (g.type === 'Polygon') polys.push({ rings: g.coordinates, path: 'geometry.coordinates' });
  else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    g.coordinates.forEach((rings, i) => polys.push({ rings, path: `geometry.coordinates[${i}]` }));
  }
  for (const { rings, path } of polys) {
    if (!Array.isArray(rings)) continue;
    rings.forEach((ring, r) => {
      if (!Array.isArray(ring)) return;
      const at = `${path}[${r}]`;
      if (ring.length < 4) {
        out.push({ path: at, message: `ring has ${ring.length} positions; a closed ring needs at least 4` });
        return;
      }
      const first = ring[0] as unknown;
      const last = ring[ring.length - 1] as unknown;
      if (!Array.isArray(first) || !Array.isArray(last) || first[0] !== last[0] || first[1] !== last[1]) {
        out.push({ path: at, message: 'ring is not closed: its last position must repeat the first' });
      }
    });
  }
  return out;
}
