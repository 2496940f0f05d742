import { SimulationScenario, type SimulationScenarioInput } from '@railjoint/contracts';
import { compileScenario } from '../server/src/modules/allocation/simulation/compile.js';
import { simulate } from '../server/src/modules/allocation/simulation/simulate.js';
import { SortedArrayEventQueue } from '../server/src/modules/allocation/simulation/event-queue.js';
import { mmc } from '../server/src/modules/allocation/simulation/erlang.js';
import { fmt, type BenchRow } from './report.js';

/**
 * The reception-and-handling simulator: simulated incidents per minute on a department-sized
 * scenario (districts of three agencies, hundreds of units on shifts, transfers, joint and siloed
 * dispatch) with the binary-heap event queue, against the same simulator with a sorted-array queue
 * in the same run — which must give the very same results — and the agreement with Erlang C.
 */
export function departmentScenario(opts: { districts?: number; unitsPerDistrict?: number; days?: number; seed?: number } = {}): SimulationScenarioInput {
  const districts = opts.districts ?? 60;
  const perDistrict = opts.unitsPerDistrict ?? 4;
  let s = opts.seed ?? 99;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const agencies = ['railway-police', 'local-police', 'joint-defence'];
  const areas = Array.from({ length: districts }, (_, i) => ({ id: `d${i}`, agencyId: agencies[i % 3]! }));
  // districts along a line with a few kilometres between neighbours
  const x = areas.map((_, i) => i * 4000 + rand() * 2000);
  const seconds = x.map((a) => x.map((b) => 180 + Math.abs(a - b) / 12));
  const dayShape = Array.from({ length: 24 }, (_, h) => 0.4 + 0.6 * Math.sin((Math.PI * Math.max(0, h - 5)) / 19) ** 2);
  const units = areas.flatMap((a, i) =>
    Array.from({ length: perDistrict }, (_, k) => ({
      id: `u${i}-${k}`,
      agencyId: a.agencyId,
      postAreaId: a.id,
      // two on around the clock, the rest on day or night shifts
      ...(k < 2 ? {} : { shifts: [k % 2 === 0 ? { fromHour: 8, toHour: 20 } : { fromHour: 20, toHour: 8 }] }),
    })),
  );
  return {
    horizonDays: opts.days ?? 365,
    warmupDays: 2,
    seed: 7,
    agencies: agencies.map((id) => ({ id })),
    areas,
    categories: [
      { id: 'theft', limitS: 900, service: { kind: 'lognormal', meanS: 2400, sdS: 1500 } },
      { id: 'trespass', limitS: 600, service: { kind: 'exponential', meanS: 1200 } },
      { id: 'dispute', limitS: 1200, service: { kind: 'uniform', minS: 900, maxS: 2700 } },
    ],
    arrivals: {
      kind: 'rates',
      rates: areas.flatMap((a) =>
        ['theft', 'trespass', 'dispute'].map((categoryId) => {
          const base = 0.2 + rand() * 0.6;
          return { categoryId, areaId: a.id, perHour: dayShape.map((f) => Math.round(base * f * 1000) / 1000) };
        }),
      ),
    },
    units,
    travel: { kind: 'matrix', seconds },
    transfer: { share: 0.15, delay: { kind: 'lognormal', meanS: 600, sdS: 400 } },
  };
}

export async function benchSimulate(opts: { log: (line: string) => void; days?: number; nationalDays?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const sc = SimulationScenario.parse(departmentScenario({ days: opts.days ?? 3650 }));
  const national = SimulationScenario.parse(departmentScenario({ districts: 600, days: opts.nationalDays ?? 60, seed: 5 }));
  const rows: BenchRow[] = [];
  const perMinute = (n: number, ms: number) => (n / ms) * 60_000;

  simulate(compileScenario({ ...sc, horizonDays: 10 })); // warm-up
  const timed = (scenario: typeof sc, policy: 'joint' | 'siloed', naive: boolean) => {
    const compiled = compileScenario(scenario, { policy });
    const t = performance.now();
    const result = simulate(compiled, naive ? { queue: () => new SortedArrayEventQueue() } : {});
    return { result, ms: performance.now() - t };
  };
  const joint = timed(sc, 'joint', false);
  const siloed = timed(sc, 'siloed', false);
  const naive = timed(sc, 'joint', true);
  const same = JSON.stringify(joint.result) === JSON.stringify(naive.result);
  log(`simulate: utilisation by agency ${joint.result.agencies.map((a) => fmt(a.utilisation! * 100, 1)).join('% ')}%`);
  log(`simulate: department heap ${fmt(joint.ms)} ms, siloed ${fmt(siloed.ms)} ms, sorted array ${fmt(naive.ms)} ms, same results ${same}`);
  const nHeap = timed(national, 'joint', false);
  const nNaive = timed(national, 'joint', true);
  const nSame = JSON.stringify(nHeap.result) === JSON.stringify(nNaive.result);
  log(`simulate: national heap ${fmt(nHeap.ms)} ms, sorted array ${fmt(nNaive.ms)} ms, same results ${nSame}`);

  // Erlang C: one district, 10 units at 80% load, no travel
  const c = 10;
  const load = 8;
  const meanS = 1200;
  const erlangRun = simulate(
    compileScenario(
      SimulationScenario.parse({
        horizonDays: 3000,
        warmupDays: 1,
        seed: 1,
        agencies: [{ id: 'p' }],
        areas: [{ id: 'd', agencyId: 'p' }],
        categories: [{ id: 'x', limitS: 600, service: { kind: 'exponential', meanS } }],
        arrivals: { kind: 'rates', rates: [{ categoryId: 'x', areaId: 'd', perHour: (load / meanS) * 3600 }] },
        units: Array.from({ length: c }, (_, i) => ({ id: `u${i}`, agencyId: 'p', postAreaId: 'd' })),
        travel: { kind: 'matrix', seconds: [[0]] },
      }),
    ),
  );
  const theory = mmc(c, load / meanS, meanS);
  const pct = (sim: number, th: number) => `${fmt(((sim - th) / th) * 100, 2)}%`;

  rows.push(
    { name: 'set-up', value: `department: ${sc.areas.length} districts of 3 agencies, ${sc.units.length} units (half on shifts), ${sc.arrivals.kind === 'rates' ? sc.arrivals.rates.length : 0} streams varying by the hour, 15% transfers, ${sc.horizonDays} days; national: ${national.areas.length} districts, ${national.units.length} units, ${national.horizonDays} days` },
    { name: 'simulated incidents per minute (department, joint)', value: `${fmt(perMinute(joint.result.counts.generated, joint.ms))} (${fmt(joint.result.counts.generated)} incidents, ${fmt(joint.result.counts.events)} events in ${fmt(joint.ms)} ms)` },
    { name: 'simulated incidents per minute (department, siloed)', value: fmt(perMinute(siloed.result.counts.generated, siloed.ms)) },
    { name: 'sorted-array event queue (department)', value: `${fmt(perMinute(naive.result.counts.generated, naive.ms))} per minute; heap ${fmt(naive.ms / joint.ms, 1)}× faster (same results: ${same ? 'yes' : 'NO'})` },
    { name: 'national: heap vs sorted array', value: `${fmt(perMinute(nHeap.result.counts.generated, nHeap.ms))} vs ${fmt(perMinute(nNaive.result.counts.generated, nNaive.ms))} incidents per minute, ${fmt(nNaive.ms / nHeap.ms, 1)}× (same results: ${nSame ? 'yes' : 'NO'})` },
    { name: 'joint vs siloed (department)', value: `p90 ${fmt(joint.result.overall.p90S!)} s vs ${fmt(siloed.result.overall.p90S!)} s; within limit ${fmt(joint.result.overall.withinLimitShare! * 100, 1)}% vs ${fmt(siloed.result.overall.withinLimitShare! * 100, 1)}%` },
    {
      name: 'Erlang C agreement (10 units, 80% load)',
      value: `P(wait) ${fmt(erlangRun.overall.waitProbability!, 4)} vs ${fmt(theory.waitProbability, 4)} (${pct(erlangRun.overall.waitProbability!, theory.waitProbability)}), mean wait ${fmt(erlangRun.overall.meanQueueWaitS!, 1)} s vs ${fmt(theory.meanWait, 1)} s (${pct(erlangRun.overall.meanQueueWaitS!, theory.meanWait)}), ${fmt(erlangRun.counts.generated)} incidents`,
    },
  );
  return { rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchSimulate({ log: (l) => console.error(l) }), null, 2));
}
