import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { randomCoverInstance } from '../src/modules/allocation/cover/generate.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} });
  return { code, out, err };
}

/** `railjoint plan cover`: a plain covering instance in, the chosen posts and the bound out; no database. */
describe('railjoint plan cover', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-plan-cli-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, data: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  };

  it('prints the chosen sites, what they cover and how far from the bound, and the exact solver agrees', async () => {
    const inst = randomCoverInstance({ seed: 3, sites: 40, demands: 300, p: 5, fixed: 1, radiusKm: 15, sizeKm: 100 });
    const file = write('instance.json', inst);
    const r = await cli(['plan', 'cover', '--instance', file]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const fast = JSON.parse(r.out[0]!);
    expect(Object.keys(fast)).toEqual(['chosen', 'covered', 'bound', 'gapPct', 'seconds']);
    expect(fast.chosen).toHaveLength(5);
    expect(fast.chosen).toContain('s0');
    expect(fast.bound).toBeGreaterThanOrEqual(fast.covered);
    const e = await cli(['plan', 'cover', '--instance', file, '--exact', '--time-limit', '30']);
    expect(e.code, e.err.join('\n')).toBe(0);
    const exact = JSON.parse(e.out[0]!);
    expect(exact.status).toBe('optimal');
    expect(fast.bound).toBeGreaterThanOrEqual(exact.covered - 1e-6);
    expect(fast.covered).toBeGreaterThanOrEqual(exact.covered * (1 - fast.gapPct / 100) - 1e-6);
  });

  it('keeps each group within its budget and each post within its capacity, as the exact solver does', async () => {
    // the fixed railway post answers 4 of x; the railway budget leaves room for a (cost 2) or b,
    // the local one for c or d. Uncapacitated, old + a + d would cover all of x, y, z (17); with
    // d answering at most 3 of z, it is 16, still the best; without budgets old + a + b answers 17.
    const inst = {
      p: 3,
      sites: [
        { id: 'a', group: 'railway', cost: 2, capacity: 10 },
        { id: 'b', group: 'railway', capacity: 6 },
        { id: 'c', group: 'local' },
        { id: 'd', group: 'local', capacity: 3 },
        { id: 'old', group: 'railway', fixed: true, capacity: 4 },
      ],
      demands: [{ id: 'x', weight: 8 }, { id: 'y', weight: 5 }, { id: 'z', weight: 4 }, { id: 'u', weight: 2 }],
      covers: { a: ['x', 'y'], b: ['x', 'z'], c: ['u'], d: ['y', 'z'], old: ['x'] },
      budgets: { railway: 3, local: 1 },
    };
    const file = write('budgets.json', inst);
    const r = await cli(['plan', 'cover', '--instance', file]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const fast = JSON.parse(r.out[0]!);
    expect(fast.chosen).toEqual(['a', 'd', 'old']);
    expect(fast.covered).toBeCloseTo(16, 9);
    expect(fast.bound).toBeGreaterThanOrEqual(16 - 1e-9);
    const e = await cli(['plan', 'cover', '--instance', file, '--exact']);
    expect(e.code, e.err.join('\n')).toBe(0);
    const exact = JSON.parse(e.out[0]!);
    expect(exact.status).toBe('optimal');
    expect(exact.covered).toBeCloseTo(16, 6);
    expect([...exact.chosen].sort()).toEqual(['a', 'd', 'old']);
    const free = JSON.parse((await cli(['plan', 'cover', '--instance', write('no-budgets.json', { ...inst, budgets: undefined })])).out[0]!);
    expect(free.covered).toBeCloseTo(17, 9);
    const bad = await cli(['plan', 'cover', '--instance', write('bad-budgets.json', { ...inst, budgets: { railway: 0.5, nowhere: 2 } })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(expect.arrayContaining(['budgets.nowhere: no site belongs to group "nowhere"', 'budgets.railway: the fixed sites of "railway" already cost 1, more than its budget 0.5']));
  });

  it('solves the p-median problem on a distance matrix, as the exact solver does', async () => {
    const at = [[0, 0], [10, 0], [0, 10], [10, 10], [5, 5]];
    const inst = {
      p: 2,
      sites: at.map((_, j) => ({ id: `s${j}` })),
      demands: at.map((_, i) => ({ id: `d${i}`, weight: i + 1 })),
      distances: at.map((a) => at.map((b) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))),
    };
    const file = write('median.json', inst);
    const fast = await cli(['plan', 'median', '--instance', file]);
    expect(fast.code, fast.err.join('\n')).toBe(0);
    const r = JSON.parse(fast.out[0]!);
    expect(Object.keys(r)).toEqual(['chosen', 'cost', 'bound', 'gapPct', 'seconds']);
    const exact = JSON.parse((await cli(['plan', 'median', '--instance', file, '--exact'])).out[0]!);
    expect(exact.status).toBe('optimal');
    expect(r.cost).toBeCloseTo(exact.cost, 6);
    expect(r.bound).toBeLessThanOrEqual(exact.cost + 1e-6);
    const bad = await cli(['plan', 'median', '--instance', write('bad-median.json', { ...inst, distances: inst.distances.slice(1) })]);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toBe('distances: one row per site: 5 rows, not 4');
  });

  it('exits 1 naming the field of a bad instance, and 2 on a bad command line', async () => {
    const bad = write('bad.json', { p: 3, sites: [{ id: 'a' }, { id: 'a' }], demands: [{ id: 'x', weight: -2 }], covers: { a: ['y'] } });
    const r = await cli(['plan', 'cover', '--instance', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(expect.arrayContaining(['demands[0].weight: a weight cannot be negative', 'sites[1].id: site "a" appears twice', 'p: p (3) is larger than the number of sites (2)', 'covers.a[0]: unknown demand "y"']));
    const empty = await cli(['plan', 'cover', '--instance', write('empty.json', { p: 1, sites: [], demands: [], covers: {} })]);
    expect(empty.code).toBe(1);
    expect(empty.err[0]).toMatch(/^sites: /);
    const notJson = await cli(['plan', 'cover', '--instance', write('broken.json', '{"p": 1,')]);
    expect(notJson.code).toBe(1);
    expect(notJson.err[0]).toMatch(/not valid JSON/);
    expect((await cli(['plan', 'cover'])).code).toBe(2);
    expect((await cli(['plan', 'cover', '--instance', path.join(tmp, 'missing.json')])).code).toBe(2);
    expect((await cli(['plan', 'elsewhere'])).code).toBe(2);
  });

  it('plays the randomised-patrol game on a plain file: coverage, the loss beside fixed and uniform patrols, daily schedules', async () => {
    const inst = { targets: [{ id: 'bridge', value: 8 }, { id: 'tunnel', value: 5 }, { id: 'gate', value: 3 }], teams: [{ id: 'villagers', reach: ['bridge', 'gate'] }, { id: 'police', reach: ['bridge', 'tunnel', 'gate'] }], caughtShare: 1, days: 7, seed: 3 };
    const r = await cli(['plan', 'patrols', '--instance', write('game.json', inst)]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const out = JSON.parse(r.out[0]!);
    expect(out.schedules).toHaveLength(7);
    for (const day of out.schedules) expect(Object.entries(day).every(([team, target]) => inst.teams.find((t) => t.id === team)!.reach.includes(target as string))).toBe(true);
    expect(out.game.defenderUtility).toBeGreaterThanOrEqual(out.byRank.defenderUtility);
    expect(out.game.defenderUtility).toBeGreaterThanOrEqual(out.uniform.defenderUtility);
    const bad = await cli(['plan', 'patrols', '--instance', write('bad-game.json', { ...inst, teams: [{ id: 'police', reach: ['pier'] }] })]);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toBe('teams[0].reach[0]: no target "pier"');
  });
});
