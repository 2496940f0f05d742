import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { SimulationScenario, formatPath } from '@railjoint/contracts';
import { compileScenario, dutySeconds, dutyWindows, ScenarioError } from './compile.js';

const example = JSON.parse(fs.readFileSync(new URL('./example-scenario.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function problems(input: unknown): string[] {
  const r = SimulationScenario.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

describe('simulation scenario', () => {
  it('accepts the documented example', () => {
    expect(problems(example)).toEqual([]);
    const sc = SimulationScenario.parse(example);
    for (const policy of ['siloed', 'joint', 'joint_optimised_posts'] as const) expect(compileScenario(sc, { policy }).policy).toBe(policy);
  });

  it('names the field of each problem', () => {
    const bad = structuredClone(example) as any;
    bad.arrivals.rates[1].perHour = -1;
    bad.units[0].agencyId = 'nobody';
    bad.units[1].postAreaId = 'nowhere';
    bad.areas[0].agencyId = 'ghost';
    bad.categories[0].service = { kind: 'exponential', meanS: 0 };
    const found = problems(bad);
    expect(found).toContainEqual(expect.stringMatching(/^arrivals\.rates\[1\]\.perHour: a rate cannot be negative/));
    expect(found).toContainEqual(expect.stringMatching(/^units\[0\]\.agencyId: unknown agency "nobody"/));
    expect(found).toContainEqual(expect.stringMatching(/^units\[1\]\.postAreaId: unknown district "nowhere"/));
    expect(found).toContainEqual(expect.stringMatching(/^areas\[0\]\.agencyId: unknown agency "ghost"/));
    expect(found).toContainEqual(expect.stringMatching(/^categories\[0\]\.service\.meanS: /));
  });

  it('refuses no units, a wrong travel matrix, unknown ids in rates and hourly rates of the wrong length', () => {
    expect(problems({ ...example, units: [] })).toContainEqual('units: there must be at least one unit');
    expect(problems({ ...example, travel: { kind: 'matrix', seconds: [[0, 1]] } })).toContainEqual(expect.stringMatching(/^travel\.seconds: needs \d+ rows/));
    const bad = structuredClone(example) as any;
    bad.arrivals.rates[0].categoryId = 'meteor';
    bad.arrivals.rates[2].perHour = [1, 2, 3];
    const found = problems(bad);
    expect(found).toContainEqual('arrivals.rates[0].categoryId: unknown category "meteor"');
    expect(found).toContainEqual(expect.stringMatching(/^arrivals\.rates\[2\]\.perHour: /));
  });

  it('refuses a scenario of 10^12 incidents with a clear error, before running anything', () => {
    const huge = structuredClone(example) as any;
    huge.horizonDays = 36_500;
    huge.arrivals.rates[0].perHour = 1_200_000; // 10^12 incidents over the horizon
    const found = problems(huge);
    expect(found).toContainEqual(expect.stringMatching(/^horizonDays: the scenario implies about 1\.\de\+12 incidents .*at most 1e\+8/));
  });

  it('refuses what would never be answered under the policy chosen', () => {
    const sc = SimulationScenario.parse({ ...example, units: (example.units as Array<{ agencyId: string }>).filter((u) => u.agencyId !== 'local-police'), alternativePosts: [] });
    expect(() => compileScenario(sc, { policy: 'joint' })).not.toThrow();
    try {
      compileScenario(sc, { policy: 'siloed' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).field).toMatch(/^areas\[\d+\]\.agencyId$/);
    }
    const noMoves = SimulationScenario.parse({ ...example, alternativePosts: [] });
    expect(() => compileScenario(noMoves, { policy: 'joint_optimised_posts' })).toThrow(/alternativePosts/);
    expect(problems({ ...example, policy: 'joint_optimised_posts', alternativePosts: [] })).toContainEqual(expect.stringMatching(/^alternativePosts: /));
  });

  it('duty windows: merged, across midnight, and counted over any stretch', () => {
    expect(dutyWindows(undefined)).toBeNull();
    expect(dutyWindows([{ fromHour: 0, toHour: 24 }])).toBeNull();
    expect(dutyWindows([{ fromHour: 20, toHour: 8 }, { fromHour: 0, toHour: 24 }])).toBeNull();
    expect(Array.from(dutyWindows([{ fromHour: 20, toHour: 8 }])!)).toEqual([0, 8 * 3600, 20 * 3600, 86_400]);
    expect(Array.from(dutyWindows([{ fromHour: 8, toHour: 12 }, { fromHour: 11, toHour: 14 }])!)).toEqual([8 * 3600, 14 * 3600]);
    const w = dutyWindows([{ fromHour: 8, toHour: 20 }]);
    expect(dutySeconds(w, 0, 86_400 * 3)).toBe(36 * 3600);
    expect(dutySeconds(w, 10 * 3600, 30 * 3600)).toBe(10 * 3600);
    expect(dutySeconds(null, 5, 15)).toBe(10);
  });
});
