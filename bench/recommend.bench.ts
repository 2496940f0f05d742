import { UNIT_KINDS, type LonLat } from '@railjoint/contracts';
import { generateDemo } from '../server/src/demo/generate.js';
import { NetworkModel } from '../server/src/modules/network/network-model.js';
import { metresPerDegree } from '../server/src/modules/network/geo.js';
import { etaModel, type DispatchTarget, type DispatchUnit } from '../server/src/modules/dispatch/eta.js';
import { UnitIndex, recommendUnits, recommendUnitsLinear } from '../server/src/modules/dispatch/recommend.js';
import { accessPointsOf } from '../server/src/modules/dispatch/access-points.js';
import { fmt, percentile, type BenchRow } from './report.js';

/**
 * Unit recommendation on the demo department: 10,000 units scattered up to 15 km either side of
 * the lines, 2,000 incidents near the track (half inside the fence, so access gates and stations
 * come into play), ranked by ETA through the grid index against the scan of every unit in the same run.
 */
export async function benchRecommend(opts: { log: (line: string) => void; units?: number; incidents?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const nUnits = opts.units ?? 10_000;
  const nIncidents = opts.incidents ?? 2_000;
  const demo = generateDemo({ scale: 'department' });
  const model = NetworkModel.build(demo.network);

  const access = accessPointsOf(model);
  const gates = access.filter((a) => a.kind === 'access_gate').length;

  let s = 4242;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const posts = demo.network.features.flatMap((f) => (f.properties.kind === 'line' ? f.properties.kmPosts.map((p) => p.coordinates) : []));
  const near = (spreadM: number): LonLat => {
    const c = posts[Math.floor(rand() * posts.length)]!;
    const { kx, ky } = metresPerDegree(c[1]);
    return [c[0] + ((rand() - 0.5) * 2 * spreadM) / kx, c[1] + ((rand() - 0.5) * 2 * spreadM) / ky];
  };
  const agencyIds = demo.organisation.agencies.map((a) => a.id);
  const statuses = ['available', 'available', 'available', 'dispatched', 'busy', 'off_duty'] as const;
  const units: DispatchUnit[] = [];
  for (let i = 0; i < nUnits; i++) {
    const kind = UNIT_KINDS[Math.floor(rand() * UNIT_KINDS.length)]!;
    units.push({
      id: `u${i}`,
      agencyId: agencyIds[Math.floor(rand() * agencyIds.length)]!,
      kind,
      status: statuses[Math.floor(rand() * statuses.length)]!,
      position: near(15_000),
      // A third of the train police teams are riding; the rest wait at stations and cannot move on their own.
      train: kind === 'train_police_team' && rand() < 0.33 ? `D${Math.floor(rand() * 400)}` : null,
    });
  }
  // Stand-in for the timetable: a deterministic wait per train and station.
  const trainArrival = (train: string, stationId: string) => {
    let h = 0;
    for (const ch of train + stationId) h = (h * 31 + ch.charCodeAt(0)) | 0;
    return Math.abs(h) % 7200;
  };

  const targets: DispatchTarget[] = [];
  while (targets.length < nIncidents) {
    const onTrack = targets.length % 2 === 0;
    const p = near(onTrack ? 8 : 300);
    const loc = model.locate(p);
    if (!loc) continue;
    targets.push({
      coordinates: p,
      placeKind: onTrack ? 'line_enclosure' : Math.abs(loc.offsetM) < 100 ? 'protection_zone' : 'outside',
      line: { lineId: loc.lineId, measureM: loc.measureM },
    });
  }
  // Lead and supporting agencies: a handful out of the department's list.
  const allowedSets = Array.from({ length: 16 }, () => new Set(agencyIds.filter(() => rand() < 0.25)));

  const t0 = performance.now();
  const index = new UnitIndex({ cellM: 2000 });
  for (const u of units) index.upsert(u);
  const buildMs = performance.now() - t0;
  const speeds = etaModel();
  const optsFor = (i: number) => ({ allowedAgencyIds: allowedSets[i % allowedSets.length]!, accessPoints: access, speeds, trainArrival, limit: 10 });

  for (let i = 0; i < 200; i++) recommendUnits(targets[i]!, index, optsFor(i)); // warm-up
  const fastTimes: number[] = [];
  const fastResults: string[] = [];
  for (let i = 0; i < targets.length; i++) {
    const t = performance.now();
    const r = recommendUnits(targets[i]!, index, optsFor(i));
    fastTimes.push(performance.now() - t);
    fastResults.push(r.map((x) => `${x.unitId}:${x.etaS}`).join(','));
  }
  for (let i = 0; i < 50; i++) recommendUnitsLinear(targets[i]!, units, optsFor(i));
  const slowTimes: number[] = [];
  let agree = 0;
  for (let i = 0; i < targets.length; i++) {
    const t = performance.now();
    const r = recommendUnitsLinear(targets[i]!, units, optsFor(i));
    slowTimes.push(performance.now() - t);
    if (r.map((x) => `${x.unitId}:${x.etaS}`).join(',') === fastResults[i]) agree++;
  }

  // Position updates: every unit moves a few hundred metres, ten times over.
  const moves = units.filter((u) => !u.train);
  const tu = performance.now();
  for (let round = 0; round < 10; round++) {
    for (const u of moves) {
      const p = u.position!;
      index.upsert({ ...u, position: [p[0] + (rand() - 0.5) * 0.004, p[1] + (rand() - 0.5) * 0.004] });
    }
  }
  const updateMs = performance.now() - tu;
  const updatesPerS = (moves.length * 10) / (updateMs / 1000);

  fastTimes.sort((a, b) => a - b);
  slowTimes.sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const us = (ms: number) => fmt(ms * 1000, 1);
  log(`recommend: index p50 ${us(percentile(fastTimes, 0.5))} µs p99 ${us(percentile(fastTimes, 0.99))} µs; linear p50 ${us(percentile(slowTimes, 0.5))} µs p99 ${us(percentile(slowTimes, 0.99))} µs; agree ${agree}/${targets.length}`);
  return {
    rows: [
      { name: 'set-up', value: `${fmt(nUnits)} units (${fmt(units.filter((u) => u.status === 'available').length)} available), ${fmt(gates)} access gates + ${fmt(access.length - gates)} station entries, ${fmt(nIncidents)} incidents (half inside the fence); index built in ${fmt(buildMs, 1)} ms` },
      { name: 'recommend top 10 by ETA, grid index', value: `p50 ${us(percentile(fastTimes, 0.5))} µs, p99 ${us(percentile(fastTimes, 0.99))} µs, mean ${us(mean(fastTimes))} µs` },
      { name: 'linear scan (every unit, every ETA)', value: `p50 ${us(percentile(slowTimes, 0.5))} µs, p99 ${us(percentile(slowTimes, 0.99))} µs, mean ${us(mean(slowTimes))} µs` },
      { name: 'speed-up over the linear scan', value: `${fmt(mean(slowTimes) / mean(fastTimes), 1)}× mean, ${fmt(percentile(slowTimes, 0.5) / percentile(fastTimes, 0.5), 1)}× p50 (same top 10 on ${agree}/${targets.length})` },
      { name: 'unit position updates', value: `${fmt(updatesPerS)} per second` },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchRecommend({ log: (l) => console.error(l) }), null, 2));
}
