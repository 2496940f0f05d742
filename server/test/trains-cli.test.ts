import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli/main.js';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env });
  return { code, out, err };
}

describe('railjoint timetable import and train whereabouts', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-tt-'));
  const env = { DATABASE_URL: `sqlite:${path.join(tmp, 'cli.db')}` };

  it('imports the demo GTFS folder written by demo generate and finds a train', async () => {
    const gen = await cli(['demo', 'generate', path.join(tmp, 'demo')]);
    expect(gen.code).toBe(0);
    const gtfs = path.join(tmp, 'demo', 'gtfs');
    expect(fs.existsSync(path.join(gtfs, 'stop_times.txt'))).toBe(true);
    expect((await cli(['network', 'import', path.join(tmp, 'demo', 'network.geojson')], env)).code).toBe(0);
    expect((await cli(['org', 'import', path.join(tmp, 'demo', 'organisation.json')], env)).code).toBe(0);

    const r = await cli(['timetable', 'import', gtfs], env);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out.at(-1)).toMatch(/^imported: 26 trains \(26 trips\), \d+ stop times, \d+ stops \(\d+ matched to stations\).*Asia\/Shanghai$/);
    expect(r.out.filter((l) => l.startsWith('WARNING'))).toHaveLength(1);

    const w = await cli(['train', 'whereabouts', 'G1501', '--at', '2026-12-01T07:20:00+08:00'], env);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.out.join('\n'))).toMatchObject({ train: 'G1501', state: 'running' });
    expect((await cli(['train', 'whereabouts', 'G1501', '--at', 'soon'], env)).code).toBe(2);
    expect((await cli(['train', 'whereabouts', 'X1'], env)).code).toBe(1);
  });

  it('exits 1 with every problem on a bad feed and 2 on bad arguments', async () => {
    const bad = path.join(tmp, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'stops.txt'), 'stop_id,stop_name\ns1,A\n');
    fs.writeFileSync(path.join(bad, 'trips.txt'), 'trip_id,service_id\nt1,x\n');
    fs.writeFileSync(path.join(bad, 'stop_times.txt'), 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,s9,1\n');
    const r = await cli(['timetable', 'import', bad], env);
    expect(r.code).toBe(1);
    expect(r.out).toEqual(expect.arrayContaining([expect.stringMatching(/^ERROR\s+stop_times\.txt:2: stop_id "s9"/), expect.stringMatching(/^ERROR\s+calendar\.txt: /)]));
    expect((await cli(['timetable', 'import'], env)).code).toBe(2);
    expect((await cli(['timetable', 'import', path.join(tmp, 'missing')], env)).code).toBe(2);
    expect((await cli(['timetable', 'bogus'], env)).code).toBe(2);
  });
});
