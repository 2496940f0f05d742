import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.js';
import { smallNetwork } from './fixtures.js';

async function cli(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from([stdin]), env });
  return { code, out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-cli-'));
const net = smallNetwork();
const networkFile = path.join(tmp, 'network.geojson');
fs.writeFileSync(networkFile, JSON.stringify(net.doc));

describe('railjoint mileage', () => {
  it('parses and formats', async () => {
    expect(await cli(['mileage', 'parse', 'DK14+325.200'])).toMatchObject({ code: 0, out: ['{"prefix":"DK","metres":14325.2}'] });
    expect(await cli(['mileage', 'format', '123456', '--prefix', 'K'])).toMatchObject({ code: 0, out: ['K123+456'] });
    expect((await cli(['mileage', 'format', '14325.2', '--prefix', 'DK', '--decimals', '3'])).out).toEqual(['DK14+325.200']);
  });

  it('exits 2 with a one-line reason on a bad argument', async () => {
    for (const args of [['mileage', 'parse', 'K12+3456'], ['mileage', 'format', 'abc'], ['mileage', 'parse'], ['mileage', 'format', '1', '--bogus'], ['nonsense']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^railjoint: /);
    }
  });
});

describe('railjoint network check and locate', () => {
  it('passes a good file', async () => {
    const r = await cli(['network', 'check', networkFile]);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toMatch(/^OK: 0 error\(s\).*2 lines.*2 chain breaks/);
  });

  it('prints every problem of a bad file and exits 1', async () => {
    const bad = structuredClone(net.doc);
    const line = bad.features[0]!;
    if (line.properties.kind !== 'line') throw new Error('fixture');
    line.properties.kmPosts[2]!.mileage = 'X';
    line.properties.kmPosts[4]!.mileage = 'K1+0000';
    const file = path.join(tmp, 'bad.geojson');
    fs.writeFileSync(file, JSON.stringify(bad));
    const r = await cli(['network', 'check', file]);
    expect(r.code).toBe(1);
    const errors = r.out.filter((l) => l.startsWith('ERROR'));
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((l) => l.includes('T1'))).toBe(true);
  });

  it('exits 2 for a missing or non-JSON file', async () => {
    expect((await cli(['network', 'check', path.join(tmp, 'nope.json')])).code).toBe(2);
    const junk = path.join(tmp, 'junk.json');
    fs.writeFileSync(junk, '{not json');
    expect((await cli(['network', 'check', junk])).err[0]).toMatch(/not valid JSON/);
  });

  it('locates stdin lines, one JSON object per line, errors included', async () => {
    const p = net.a.at(5000);
    const r = await cli(['locate', '--network', networkFile], `${p[0]},${p[1]}\n100,30\nhello\n\n`);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(3);
    expect(JSON.parse(r.out[0]!)).toMatchObject({ lineId: 'T1', mileage: 'K105+000' });
    expect(JSON.parse(r.out[1]!)).toEqual({ error: 'no line within 500 m' });
    expect(JSON.parse(r.out[2]!).error).toMatch(/lon,lat/);
  });

  it('imports into the database named by DATABASE_URL, and refuses a bad file without changing it', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(tmp, 'cli.db')}` };
    const ok = await cli(['network', 'import', networkFile], '', env);
    expect(ok.code).toBe(0);
    expect(ok.out.at(-1)).toMatch(/2 lines/);
    const bad = structuredClone(net.doc);
    (bad.features[2]!.properties as { lines: Array<{ lineId: string }> }).lines[0]!.lineId = 'ZZ';
    const badFile = path.join(tmp, 'bad-ref.geojson');
    fs.writeFileSync(badFile, JSON.stringify(bad));
    const refused = await cli(['network', 'import', '--replace', badFile], '', env);
    expect(refused.code).toBe(1);
    expect(refused.out.join('\n')).toMatch(/unknown line ZZ/);
    const located = await cli(['locate'], `${net.b.at(1000).join(',')}\n`, env);
    expect(JSON.parse(located.out[0]!)).toMatchObject({ lineId: 'T2' });
  });
});

describe('the installed bin', () => {
  it('runs through npx from the repository root', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const { stdout } = await promisify(execFile)('npx', ['railjoint', 'mileage', 'parse', 'K123+456'], { cwd: root });
    expect(stdout.trim()).toBe('{"prefix":"K","metres":123456}');
    const bad = await promisify(execFile)('npx', ['railjoint', 'mileage', 'parse', 'K1+1000'], { cwd: root }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(String(bad.stderr).trim().split('\n')).toHaveLength(1);
  });
});
