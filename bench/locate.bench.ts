import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { lineString, nearestPointOnLine, point } from '@turf/turf';
import type { LineFeature, LonLat } from '@railjoint/contracts';
import { NetworkModel } from '../server/src/modules/network/network-model.js';
import { checkNetwork } from '../server/src/modules/network/validate.js';
import { distanceM, offsetPoint } from '../server/src/modules/network/geo.js';
import { generateDemo } from '../server/src/demo/generate.js';
import { createRng } from '../server/src/demo/prng.js';
import { fmt } from './report.js';

// Query points that miss every line are drawn from this box (China).
const CHINA_BBOX = { minLon: 75, maxLon: 134, minLat: 18, maxLat: 50 } as const;

export interface BenchLocateOptions {
  log: (s: string) => void;
  /** query points for the index (default 100 000) */
  points?: number;
  /** points for the naive turf scan (default 20) and the time it may take at most */
  naivePoints?: number;
  naiveBudgetS?: number;
}

/**
 * `locate` on a national-scale network (≥ 100 000 km): the build time and memory of the segment
 * index, its throughput, and a naive scan with turf's nearestPointOnLine over every line measured
 * in the same run on a small sample, with the worst disagreement between the two.
 */
export async function benchLocate(opts: BenchLocateOptions): Promise<{ rows: Array<{ name: string; value: string }> }> {
  const { log } = opts;
  const nPoints = opts.points ?? 100_000;
  const nNaive = opts.naivePoints ?? 20;
  const budgetS = opts.naiveBudgetS ?? 60;
  const gc = collector();
  const rows: Array<{ name: string; value: string }> = [];
  const row = (name: string, value: string) => {
    rows.push({ name, value });
    log(`  ${name}: ${value}`);
  };

  log('locate: generating the demo generator\'s national-scale network…');
  let t = performance.now();
  const doc = generateDemo({ scale: 'national', seed: 7 }).network;
  const lines = doc.features.filter((f): f is LineFeature => f.properties.kind === 'line');
  log(`locate: generated ${lines.length} lines and ${doc.features.length - lines.length} stations and sites in ${secs(t).toFixed(2)} s`);

  gc();
  const before = heapAndBuffers();
  t = performance.now();
  const model = NetworkModel.build(doc);
  const buildS = secs(t);
  gc();
  const heapDelta = heapAndBuffers() - before;
  const stats = model.stats();
  // After the memory figure: validation leaves garbage that would blur it.
  t = performance.now();
  const check = checkNetwork(doc).report;
  const checkS = secs(t);
  row('network', `${fmt(stats.lines)} lines, ${fmt(stats.lengthKm)} km, ${fmt(stats.segments)} segments, ${fmt(stats.kmPosts)} km posts, ${fmt(stats.chainBreaks)} chain breaks, ${fmt(stats.stations)} stations`);
  row('model build (index, posts, stations, sections)', `${buildS.toFixed(2)} s`);
  row('index + line arrays (memoryBytes)', mb(model.memoryBytes()));
  row('heap + arrayBuffers growth over the build', `${mb(heapDelta)} (${gc.exposed ? 'after gc' : 'without gc: an upper bound'})`);
  row('checkNetwork (every feature, post and station)', `${checkS.toFixed(2)} s, ${check.errors.length} errors, ${check.warnings.length} warnings`);

  // Query points: 90% within 450 m of a random vertex of a random line, 10% anywhere in the box
  // (mostly nowhere near a line, which is the cheap case for the index and the same for turf).
  const rand = createRng(99).next;
  const queries: LonLat[] = [];
  for (let i = 0; i < nPoints; i++) {
    if (i % 10 === 9) {
      queries.push([CHINA_BBOX.minLon + rand() * (CHINA_BBOX.maxLon - CHINA_BBOX.minLon), CHINA_BBOX.minLat + rand() * (CHINA_BBOX.maxLat - CHINA_BBOX.minLat)]);
      continue;
    }
    const coords = lines[Math.floor(rand() * lines.length)]!.geometry.coordinates as LonLat[];
    const c = coords[Math.floor(rand() * coords.length)]!;
    const r = rand() * 450;
    const a = rand() * 2 * Math.PI;
    queries.push(offsetPoint(c, r * Math.cos(a), r * Math.sin(a)));
  }

  for (let i = 0; i < 2000; i++) model.locate(queries[i % queries.length]!); // warm the JIT
  t = performance.now();
  let found = 0;
  for (const q of queries) if (model.locate(q)) found++;
  const indexS = secs(t);
  const indexRate = nPoints / indexS;
  row('locate with the index', `${fmt(indexRate)} points/s (${fmt(nPoints)} points in ${indexS.toFixed(2)} s; ${fmt(found)} within 500 m)`);

  // The naive way: turf's nearestPointOnLine against every line, for a few points.
  const turfLines = lines.map((f) => ({ id: f.properties.id, line: lineString(f.geometry.coordinates as LonLat[]) }));
  const sample = queries.filter((_, i) => i % 10 !== 9).slice(0, nNaive - 2).concat(queries.filter((_, i) => i % 10 === 9).slice(0, 2));
  let worstOffset = 0;
  let worstPoint = 0;
  let disagreements = 0;
  let done = 0;
  t = performance.now();
  for (const p of sample) {
    let best: { id: string; d: number; at: LonLat } | null = null;
    for (const l of turfLines) {
      const hit = nearestPointOnLine(l.line, point(p), { units: 'meters' });
      const d = hit.properties.pointDistance;
      if (!best || d < best.d) best = { id: l.id, d, at: hit.geometry.coordinates as LonLat };
    }
    const ours = model.locate(p);
    if (best && best.d <= 500) {
      if (!ours || ours.lineId !== best.id) disagreements++;
      else {
        worstOffset = Math.max(worstOffset, Math.abs(ours.offsetM - best.d));
        worstPoint = Math.max(worstPoint, distanceM(ours.onLine, best.at));
      }
    } else if (ours && ours.offsetM < 499) disagreements++;
    done++;
    if (secs(t) > budgetS) break;
  }
  const naiveS = secs(t);
  const naiveRate = done / naiveS;
  row('locate with a naive turf scan', `${naiveRate.toFixed(2)} points/s (${done} points in ${naiveS.toFixed(1)} s)`);
  row('index speed-up over the naive scan', `${fmt(indexRate / naiveRate)}×`);
  row('agreement with turf on the sample', `${disagreements} different line(s); worst offset difference ${worstOffset.toFixed(2)} m, worst on-line point ${worstPoint.toFixed(2)} m apart`);
  return { rows };
}

function collector(): (() => void) & { exposed: boolean } {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    // Without --expose-gc the heap figures would include garbage; this flag can be set at runtime.
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  // Twice: one full collection can leave objects that only the next one frees.
  const run = () => {
    gc?.();
    gc?.();
  };
  return Object.assign(run, { exposed: gc !== undefined });
}

function heapAndBuffers(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function secs(since: number): number {
  return (performance.now() - since) / 1000;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows } = await benchLocate({ log: (s) => console.error(s) });
  console.log(rows.map((r) => `| ${r.name} | ${r.value} |`).join('\n'));
}
