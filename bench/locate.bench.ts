import { nearestPointOnLine, lineString, point } from '@turf/turf';
import type { LonLat } from '@railjoint/contracts';
import { generateDemo } from '../server/src/demo/generate.js';
import { NetworkModel } from '../server/src/modules/network/network-model.js';
import { metresPerDegree } from '../server/src/modules/network/geo.js';
import { fmt, mb, memoryNow, type BenchRow } from './report.js';

/** A deterministic stream of numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `locate` on a national-scale network: the segment index against a naive scan that runs turf's
 * nearestPointOnLine over every line, in the same run. Also the index's build time and memory.
 */
export async function benchLocate(log: (line: string) => void, opts: { points?: number; naivePoints?: number } = {}): Promise<BenchRow[]> {
  const nPoints = opts.points ?? 100_000;
  const nNaive = opts.naivePoints ?? 20;
  log('locate: generating the national network…');
  const { network } = generateDemo({ scale: 'national', seed: 7 });
  const lineFeatures = network.features.filter((f) => f.properties.kind === 'line');

  const before = memoryNow();
  const t0 = performance.now();
  const model = NetworkModel.build(network);
  const buildS = (performance.now() - t0) / 1000;
  const heapDelta = memoryNow() - before;
  const stats = model.stats();
  log(`locate: ${fmt(stats.lines)} lines, ${fmt(stats.lengthKm)} km, ${fmt(stats.segments)} segments; built in ${fmt(buildS, 2)} s`);

  // Query points: near a random vertex of a random line, offset up to 400 m, and one in ten anywhere.
  const rand = rng(99);
  const points: LonLat[] = [];
  for (let i = 0; i < nPoints; i++) {
    if (i % 10 === 9) {
      points.push([75 + rand() * 59, 18 + rand() * 32]);
      continue;
    }
    const f = lineFeatures[Math.floor(rand() * lineFeatures.length)]!;
    const coords = f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    const c = coords[Math.floor(rand() * coords.length)]!;
    const { kx, ky } = metresPerDegree(c[1]);
    points.push([c[0] + ((rand() - 0.5) * 800) / kx, c[1] + ((rand() - 0.5) * 800) / ky]);
  }

  const t1 = performance.now();
  let found = 0;
  for (const p of points) if (model.locate(p)) found++;
  const indexS = (performance.now() - t1) / 1000;
  const indexRate = nPoints / indexS;
  log(`locate: index ${fmt(indexRate)} points/s (${fmt(found)} of ${fmt(nPoints)} within 500 m)`);

  // The naive baseline: every line, turf's nearestPointOnLine (haversine), on a small sample.
  const turfLines = lineFeatures.map((f) => ({
    id: f.properties.id,
    line: lineString(f.geometry.type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates.flat()),
  }));
  const sample = points.filter((_, i) => i % 10 !== 9).slice(0, nNaive);
  let worst = 0;
  let disagreements = 0;
  const t2 = performance.now();
  for (const p of sample) {
    let best: { id: string; d: number } | null = null;
    for (const l of turfLines) {
      const hit = nearestPointOnLine(l.line, point(p), { units: 'meters' });
      const d = hit.properties.dist ?? Infinity;
      if (!best || d < best.d) best = { id: l.id, d };
    }
    const ours = model.locate(p);
    if (best && best.d <= 500) {
      if (!ours || ours.lineId !== best.id) disagreements++;
      else worst = Math.max(worst, Math.abs(ours.offsetM - best.d));
    } else if (ours) disagreements++;
  }
  const naiveS = (performance.now() - t2) / 1000;
  const naiveRate = sample.length / naiveS;
  log(`locate: naive turf scan ${fmt(naiveRate, 2)} points/s on ${sample.length} points; worst offset difference ${fmt(worst, 2)} m, ${disagreements} disagreement(s)`);

  return [
    {
      bench: 'network locate',
      metric: `points/s on ${fmt(stats.lengthKm)} km (${fmt(stats.segments)} segments)`,
      value: fmt(indexRate),
      baseline: `${fmt(naiveRate, 2)} (turf nearestPointOnLine over every line)`,
      ratio: `${fmt(indexRate / naiveRate)}×`,
    },
    {
      bench: 'network locate',
      metric: 'agreement with the turf scan',
      value: `worst offset difference ${fmt(worst, 2)} m`,
      baseline: `${sample.length} points`,
      ratio: `${disagreements} disagreement(s)`,
    },
    {
      bench: 'network index',
      metric: 'build time / memory (typed arrays; heap growth)',
      value: `${fmt(buildS, 2)} s / ${mb(model.memoryBytes())}; ${mb(heapDelta)}`,
      baseline: 'aim: seconds, < 1 GB',
      ratio: `${fmt(heapDelta / 1024 ** 3, 3)} of 1 GB`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchLocate((l) => console.error(l));
  console.log(JSON.stringify(rows, null, 2));
}
