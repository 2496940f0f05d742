import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulationResult } from '@railjoint/contracts';
import { runCli } from '../src/cli/main.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env: {} });
  return { code, out, err };
}

const exampleFile = fileURLToPath(new URL('../src/modules/allocation/simulation/example-scenario.json', import.meta.url));
const example = JSON.parse(fs.readFileSync(exampleFile, 'utf8')) as any;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-simulate-'));
const write = (name: string, doc: unknown) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(doc));
  return file;
};

describe('railjoint simulate', () => {
  it('prints the results of the example scenario as JSON, under its own policy or the one asked for', async () => {
    const joint = await cli(['simulate', '--scenario', exampleFile]);
    expect(joint.code).toBe(0);
    const result = SimulationResult.parse(JSON.parse(joint.out.join('\n')));
    expect(result.policy).toBe('joint');
    expect(result.overall.incidents).toBeGreaterThan(500);
    expect(result.byArea.map((a) => a.areaId)).toEqual(example.areas.map((a: { id: string }) => a.id));

    const siloed = await cli(['simulate', '--scenario', exampleFile, '--policy', 'siloed']);
    expect(siloed.code).toBe(0);
    const s = SimulationResult.parse(JSON.parse(siloed.out.join('\n')));
    expect(s.policy).toBe('siloed');
    expect(s.counts.generated).toBe(result.counts.generated);
    expect(s.counts.transferred).toBeGreaterThan(0);
    // the same run twice is the same JSON
    expect((await cli(['simulate', '--scenario', exampleFile])).out).toEqual(joint.out);
  });

  it('exits 1 naming the field of a bad scenario', async () => {
    const bad = structuredClone(example);
    bad.arrivals.rates[0].perHour = -0.5;
    bad.units[2].postAreaId = 'atlantis';
    const r = await cli(['simulate', '--scenario', write('bad.json', bad)]);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toContainEqual(expect.stringMatching(/^arrivals\.rates\[0\]\.perHour: a rate cannot be negative/));
    expect(r.err).toContainEqual('units[2].postAreaId: unknown district "atlantis"');
    expect(r.err.at(-1)).toMatch(/^FAILED: 2 problem\(s\)/);

    const huge = structuredClone(example);
    huge.horizonDays = 36_500;
    huge.arrivals.rates[0].perHour = 1.2e6;
    const h = await cli(['simulate', '--scenario', write('huge.json', huge)]);
    expect(h.code).toBe(1);
    expect(h.err[0]).toMatch(/^horizonDays: the scenario implies about 1\.\de\+12 incidents/);

    const noUnits = await cli(['simulate', '--scenario', write('none.json', { ...example, units: [], alternativePosts: [] })]);
    expect(noUnits.code).toBe(1);
    expect(noUnits.err).toContainEqual('units: there must be at least one unit');

    const onlyRailway = { ...example, units: example.units.filter((u: { agencyId: string }) => u.agencyId === 'railway-police'), alternativePosts: [] };
    const silo = await cli(['simulate', '--scenario', write('silo.json', onlyRailway), '--policy', 'siloed']);
    expect(silo.code).toBe(1);
    expect(silo.err[0]).toMatch(/^areas\[2\]\.agencyId: agency "local-police" has no unit on duty/);
    expect((await cli(['simulate', '--scenario', write('silo.json', onlyRailway), '--policy', 'joint'])).code).toBe(0);
  });

  it('exits 2 on a bad command line', async () => {
    for (const args of [['simulate'], ['simulate', '--scenario', exampleFile, '--policy', 'anarchy'], ['simulate', '--scenario', path.join(tmp, 'missing.json')], ['simulate', '--bogus']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toHaveLength(1);
    }
  });

  it('shows progress on stderr for a long run', async () => {
    // one district, 40 units at 15 Erlangs, 30 calls an hour for 1,500 days: 1.08 million incidents
    const long = {
      horizonDays: 1500,
      agencies: [{ id: 'police' }],
      areas: [{ id: 'd', agencyId: 'police' }],
      categories: [{ id: 'call', limitS: 600, service: { kind: 'exponential', meanS: 1800 } }],
      arrivals: { kind: 'rates', rates: [{ categoryId: 'call', areaId: 'd', perHour: 30 }] },
      units: Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, agencyId: 'police', postAreaId: 'd' })),
      travel: { kind: 'means', meanS: { d: 300 } },
    };
    const file = write('long.json', long);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout, stderr } = await promisify(execFile)('npx', ['railjoint', 'simulate', '--scenario', file], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    expect(stderr).toMatch(/simulating \(joint\) \[#+\.*\] \d+%/);
    expect(stderr).toMatch(/100% .* incidents in [\d.]+ s/);
    expect(SimulationResult.parse(JSON.parse(stdout)).counts.generated).toBeGreaterThan(1_000_000);
  }, 60_000);
});
