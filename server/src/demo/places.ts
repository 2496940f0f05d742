import type { LonLat, PlaceFeature } from '@railjoint/contracts';
import { COUNTIES } from './department.js';
import { cumulativeM, LocalProjection, pointAtMeasure, roundLonLat } from './geometry.js';
import { villageName } from './names.js';
import type { BuiltLine, BuiltNetwork } from './network.js';
import type { Rng } from './prng.js';

/**
 * Towns and villages beside the demo's lines, the places callers name ("石塘村旁边", "沙塘镇那边的
 * 铁路"): the village a level crossing is named after stands beside it, more villages every few
 * kilometres along every line, and each town (镇/乡) of the department that has a station stands
 * near it. Drawn from their own stream, so the rest of the demo is unchanged by them.
 */
export function demoPlaces(net: BuiltNetwork, rng: Rng): PlaceFeature[] {
  const used = new Set<string>();
  const out: PlaceFeature[] = [];
  const add = (id: string, name: string, placeType: PlaceFeature['properties']['placeType'], line: BuiltLine, at: LonLat) => {
    used.add(name);
    out.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates: roundLonLat(at) }, properties: { kind: 'place', id, name, placeType, lineId: line.spec.id } });
  };

  for (const line of net.lines) {
    const measures = cumulativeM(line.coords);
    const beside = (s: number, minM: number, maxM: number) => offsetFrom(line.coords, measures, s, (rng.chance(0.5) ? 1 : -1) * rng.range(minM, maxM));
    let n = 0;
    const nextId = () => `pl-${line.spec.id}-v${String(++n).padStart(3, '0')}`;
    for (const site of line.sites) {
      if (site.siteType !== 'level_crossing') continue;
      const name = villageOf(site.name.replace(/(?:[一二三四五六七八九十]+号)?道口$/, ''));
      if (!used.has(name)) add(nextId(), name, 'village', line, beside((site.from + site.to) / 2, 250, 700));
    }
    for (let s = rng.range(3000, 8000); s < line.lengthM - 2000; s += rng.range(6000, 14000)) {
      const name = villageOf(villageName(rng));
      if (!used.has(name)) add(nextId(), name, 'village', line, beside(s, 200, 900));
    }
  }

  const stations = new Map<string, { line: BuiltLine; measure: number }>();
  for (const rec of net.stations.values()) stations.set(rec.info.name, { line: rec.on[0]!.line, measure: rec.on[0]!.station.measure });
  for (const county of COUNTIES) {
    for (const tw of county.townships) {
      const at = (tw.stations ?? []).map((s) => stations.get(s)).find((s) => s !== undefined);
      if (!at || !/[镇乡]$/.test(tw.name) || used.has(tw.name)) continue;
      const measures = cumulativeM(at.line.coords);
      const side = rng.chance(0.5) ? 1 : -1;
      add(`pl-town-${county.py}-${tw.py}`, tw.name, 'town', at.line, offsetFrom(at.line.coords, measures, at.measure, side * rng.range(400, 1200)));
    }
  }
  return out;
}

/** "石塘" → "石塘村"; a name that already ends as a hamlet does (村, 屯) keeps its ending. */
function villageOf(base: string): string {
  return /[村屯寨]$/.test(base) ? base : `${base}村`;
}

/** The point `offsetM` to the left (positive) or right of the line at measure `s`. */
function offsetFrom(coords: readonly LonLat[], measures: readonly number[], s: number, offsetM: number): LonLat {
  const here = pointAtMeasure(coords, measures, s);
  const ahead = pointAtMeasure(coords, measures, Math.min(s + 50, measures[measures.length - 1]!));
  const behind = pointAtMeasure(coords, measures, Math.max(s - 50, 0));
  const proj = new LocalProjection(here[0], here[1]);
  const a = proj.toXY(behind);
  const b = proj.toXY(ahead);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  return proj.toLonLat([(-(b[1] - a[1]) / len) * offsetM, ((b[0] - a[0]) / len) * offsetM]);
}
