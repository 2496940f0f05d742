import type { AreaGeometry, LonLat } from '@railjoint/contracts';

/** One polygon: its outer ring first, then its holes. */
export type Rings = readonly (readonly LonLat[])[];

export function polygonsOf(g: AreaGeometry): Rings[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function bboxOf(rings: Rings): [number, number, number, number] {
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
 * Even-odd ray casting over all rings at once: a point in a hole crosses the outer ring and the
 * hole's ring, so holes need no special case. Points exactly on an edge may go either way.
 */
export function pointInPolygon(x: number, y: number, rings: Rings): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** What is wrong with a ring, in words, or null. */
export function ringProblem(ring: readonly LonLat[]): string | null {
  if (ring.length < 4) return `a ring needs at least 4 positions (a closed triangle), found ${ring.length}`;
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) return 'ring is not closed: the last position must repeat the first';
  if (ringArea(ring) === 0) return 'ring has no area (all positions on one line)';
  return null;
}

function ringArea(ring: readonly LonLat[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return Math.abs(s / 2);
}

export interface GeometryProblem {
  /** relative to the geometry, e.g. `.coordinates[0]` */
  path: string;
  message: string;
}

/**
 * Checks an area geometry by hand rather than through the zod union, whose failure says only
 * "invalid input" for a whole polygon; one problem per ring keeps a broken file's report readable.
 */
export function geometryProblems(g: unknown): GeometryProblem[] {
  if (!isRecord(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    return [{ path: '', message: 'geometry must be a GeoJSON Polygon or MultiPolygon' }];
  }
  const coords = g.coordinates;
  if (!Array.isArray(coords) || coords.length === 0) return [{ path: '.coordinates', message: 'coordinates must be a non-empty array' }];
  if (g.type === 'Polygon') return polygonProblems(coords, '.coordinates');
  return coords.flatMap((p, i) =>
    Array.isArray(p) && p.length > 0 ? polygonProblems(p, `.coordinates[${i}]`) : [{ path: `.coordinates[${i}]`, message: 'a polygon must be a non-empty array of rings' }],
  );
}

function polygonProblems(rings: unknown[], path: string): GeometryProblem[] {
  const out: GeometryProblem[] = [];
  rings.forEach((ring, r) => {
    const at = `${path}[${r}]`;
    if (!Array.isArray(ring)) return void out.push({ path: at, message: 'a ring must be an array of [lon, lat] positions' });
    const bad = ring.findIndex((p) => !isLonLat(p));
    if (bad >= 0) return void out.push({ path: `${at}[${bad}]`, message: 'a position must be [lon, lat] with lon in -180..180 and lat in -90..90' });
    const problem = ringProblem(ring as LonLat[]);
    if (problem) out.push({ path: at, message: r === 0 ? `outer ring: ${problem}` : `hole ${r}: ${problem}` });
  });
  return out;
}

function isLonLat(p: unknown): p is LonLat {
  return (
    Array.isArray(p) &&
    p.length === 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Math.abs(p[0]) <= 180 &&
    Math.abs(p[1]) <= 90
  );
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
