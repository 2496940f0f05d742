import type { LonLat } from '@railjoint/contracts';

/** What the report's map shows, in lon/lat: kept with the report so a released one never changes. */
export interface SitrepMap {
  centre: LonLat;
  /** half the width of the square shown, metres */
  radiusM: number;
  lines: Array<{ name: string; highSpeed: boolean; points: LonLat[][] }>;
  stations: Array<{ name: string; at: LonLat }>;
  units: Array<{ name: string; agency: string; at: LonLat }>;
  incident: { label: string; at: LonLat };
}

export interface MapLine {
  name: string;
  highSpeed: boolean;
  lengthM: number;
  pointAt(m: number): LonLat;
}

const STEP_M = 250;

function metresPerDegree(lat: number): { kx: number; ky: number } {
  const r = (lat * Math.PI) / 180;
  return { kx: 111_320 * Math.cos(r), ky: 110_574 };
}

/**
 * The stretches of each line inside the square around the incident, as runs of points. Each run
 * keeps the first point past the square on either side, so the drawing (clipped to the map) runs
 * to the edge instead of stopping short of it, and a line's own end is always its last point.
 */
export function linesNear(lines: readonly MapLine[], centre: LonLat, radiusM: number): SitrepMap['lines'] {
  const { kx, ky } = metresPerDegree(centre[1]);
  const inside = (p: LonLat) => Math.abs((p[0] - centre[0]) * kx) <= radiusM && Math.abs((p[1] - centre[1]) * ky) <= radiusM;
  const round = (p: LonLat): LonLat => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  const out: SitrepMap['lines'] = [];
  for (const line of lines) {
    const runs: LonLat[][] = [];
    let run: LonLat[] = [];
    let before: LonLat | null = null;
    const samples: number[] = [];
    for (let m = 0; m < line.lengthM; m += STEP_M) samples.push(m);
    samples.push(line.lengthM);
    for (const m of samples) {
      const p = line.pointAt(m);
      if (inside(p)) {
        if (!run.length && before) run.push(round(before));
        run.push(round(p));
      } else if (run.length) {
        run.push(round(p));
        runs.push(run);
        run = [];
      }
      before = p;
    }
    if (run.length > 1) runs.push(run);
    if (runs.length) out.push({ name: line.name, highSpeed: line.highSpeed, points: runs });
  }
  return out;
}

/**
 * Projects lon/lat into a width × height box (equirectangular at the centre's latitude, north
 * up). The square around the incident covers the box — its wider side spans the square, the other
 * is cropped — so no part of the map is left blank where nothing was gathered.
 */
export function projector(map: SitrepMap, width: number, height: number): (p: LonLat) => [number, number] {
  const { kx, ky } = metresPerDegree(map.centre[1]);
  const scale = Math.max(width, height) / (2 * map.radiusM);
  return (p) => [width / 2 + (p[0] - map.centre[0]) * kx * scale, height / 2 - (p[1] - map.centre[1]) * ky * scale];
}
