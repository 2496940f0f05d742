import { booleanPointInPolygon, point as turfPoint } from '@turf/turf';
import { parseMileage, type LonLat } from '@railjoint/contracts';
import { generateDemo } from '../server/src/demo/generate.js';
import { NetworkModel } from '../server/src/modules/network/network-model.js';
import { networkView } from '../server/src/modules/network/network-view.js';
import { metresPerDegree } from '../server/src/modules/network/geo.js';
import { OrgIndex } from '../server/src/modules/organisation/org-index.js';
import { resolveLocation } from '../server/src/modules/organisation/resolver.js';
import { DEFAULT_CATEGORIES } from '../server/src/modules/organisation/taxonomy.js';
import { defaultRules } from '../server/src/modules/organisation/responsibility-defaults.js';
import { fmt, percentile, type BenchRow } from './report.js';

/**
 * The jurisdiction resolver on the demo department (who leads, supports and is told, with reasons),
 * against a naive answer to the same question in the same run: the nearest line by scanning every
 * segment, agencies by scanning every line range, areas by testing every polygon with turf.
 */
export async function benchResolve(opts: { log: (line: string) => void; points?: number; naivePoints?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const nPoints = opts.points ?? 20_000;
  const nNaive = opts.naivePoints ?? 500;
  const demo = generateDemo({ scale: 'department' });
  const model = NetworkModel.build(demo.network);
  const view = networkView(model);
  const org = new OrgIndex(demo.organisation);
  const ctx = { network: view, org, categories: DEFAULT_CATEGORIES, rules: defaultRules(DEFAULT_CATEGORIES) };

  // Points near the lines: a random km post moved up to 200 m either way.
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const posts = demo.network.features.flatMap((f) => (f.properties.kind === 'line' ? f.properties.kmPosts.map((p) => p.coordinates) : []));
  const points: LonLat[] = [];
  for (let i = 0; i < nPoints; i++) {
    const c = posts[Math.floor(rand() * posts.length)]!;
    const { kx, ky } = metresPerDegree(c[1]);
    points.push([c[0] + ((rand() - 0.5) * 400) / kx, c[1] + ((rand() - 0.5) * 400) / ky]);
  }
  const category = (i: number) => DEFAULT_CATEGORIES[i % DEFAULT_CATEGORIES.length]!.id;

  for (let i = 0; i < 500; i++) resolveLocation({ lon: points[i]![0], lat: points[i]![1], categoryId: category(i) }, ctx); // warm-up
  const times: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const t = performance.now();
    resolveLocation({ lon: points[i]![0], lat: points[i]![1], categoryId: category(i) }, ctx);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  log(`resolve: p50 ${fmt(percentile(times, 0.5) * 1000, 1)} µs, p99 ${fmt(percentile(times, 0.99) * 1000, 1)} µs over ${fmt(nPoints)} points`);

  // The naive baseline.
  const areas = demo.organisation.jurisdictions.flatMap((j) => (j.kind === 'area' ? [{ agencyId: j.agencyId, geometry: j.geometry }] : []));
  const ranges = demo.organisation.jurisdictions.flatMap((j) => (j.kind === 'line-range' ? [{ agencyId: j.agencyId, lineId: j.lineId, from: parseMileage(j.from).metres, to: parseMileage(j.to).metres }] : []));
  const naiveTimes: number[] = [];
  let agree = 0;
  for (let i = 0; i < nNaive; i++) {
    const p = points[i]!;
    const t = performance.now();
    let best: { lineId: string; d: number; measure: number } | null = null;
    for (const line of model.lines()) {
      const r = line.ref.geometry.projectBrute(p);
      if (r.distanceM <= 1000 && (!best || r.distanceM < best.d)) best = { lineId: line.id, d: r.distanceM, measure: r.measure };
    }
    const ids = new Set<string>();
    if (best) {
      const metres = model.line(best.lineId)!.ref.measureToMileage(best.measure).metres;
      for (const r of ranges) if (r.lineId === best.lineId && metres >= Math.min(r.from, r.to) && metres <= Math.max(r.from, r.to)) ids.add(r.agencyId);
    }
    const tp = turfPoint(p);
    for (const a of areas) if (booleanPointInPolygon(tp, a.geometry)) ids.add(a.agencyId);
    naiveTimes.push(performance.now() - t);
    const fast = resolveLocation({ lon: p[0], lat: p[1] }, ctx);
    const fastIds = new Set(fast.jurisdiction.filter((j) => j.via === 'area').map((j) => j.agencyId));
    if ([...fastIds].every((id) => ids.has(id))) agree++;
  }
  const naiveMean = naiveTimes.reduce((a, b) => a + b, 0) / naiveTimes.length;
  log(`resolve: naive scan ${fmt(naiveMean * 1000, 1)} µs per point on ${nNaive} points; area agencies agree on ${agree}/${nNaive}`);
  return {
    rows: [
      { name: 'demo department', value: `${fmt(model.stats().lengthKm)} km, ${fmt(demo.organisation.agencies.length)} agencies, ${fmt(demo.organisation.jurisdictions.length)} jurisdictions` },
      { name: 'resolve with a category (lead/support/inform + reasons)', value: `p50 ${fmt(percentile(times, 0.5) * 1000, 1)} µs, p99 ${fmt(percentile(times, 0.99) * 1000, 1)} µs, mean ${fmt(mean * 1000, 1)} µs over ${fmt(nPoints)} points` },
      { name: 'naive scan (every segment, range and polygon; no reasons)', value: `${fmt(naiveMean * 1000, 1)} µs per point on ${nNaive} points` },
      { name: 'speed-up over the naive scan', value: `${fmt(naiveMean / mean, 1)}× (area agencies agree on ${agree}/${nNaive})` },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchResolve({ log: (l) => console.error(l) }), null, 2));
}
