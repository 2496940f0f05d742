import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { SimulationScenario } from '@railjoint/contracts';
import { compileScenario, ScenarioError } from './compile.js';
import { simulate, SimulationCancelled } from './simulate.js';
import { simulateInWorker } from './run-in-worker.js';

const example = SimulationScenario.parse(JSON.parse(fs.readFileSync(new URL('./example-scenario.json', import.meta.url), 'utf8')));

describe('simulation in a worker thread', () => {
  it('gives the same result as in the calling thread, with progress, and leaves the event loop free', async () => {
    const scenario = { ...example, horizonDays: 3000 }; // about 80,000 incidents
    const progress: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await simulateInWorker(scenario, { policy: 'siloed', onProgress: (done) => progress.push(done) });
    clearInterval(timer);
    expect(result).toEqual(simulate(compileScenario(scenario, { policy: 'siloed' })));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(result.counts.generated);
    expect(ticks).toBeGreaterThan(5); // timers ran while it worked
  }, 30_000);

  it('can be cancelled, and refuses what cannot run under the policy naming the field', async () => {
    const controller = new AbortController();
    const long = simulateInWorker({ ...example, horizonDays: 36_000 }, { onProgress: () => controller.abort(), signal: controller.signal });
    await expect(long).rejects.toBeInstanceOf(SimulationCancelled);
    const aborted = new AbortController();
    aborted.abort();
    await expect(simulateInWorker(example, { signal: aborted.signal })).rejects.toBeInstanceOf(SimulationCancelled);
    const refused = simulateInWorker({ ...example, alternativePosts: [] }, { policy: 'joint_optimised_posts' });
    await expect(refused).rejects.toBeInstanceOf(ScenarioError);
    await expect(refused).rejects.toMatchObject({ field: 'alternativePosts' });
  }, 30_000);
});
