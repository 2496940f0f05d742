import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostPlan, RiskBacktestResult, RiskCells } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { runCli } from '../src/cli/main.js';
import { historyCsv } from '../src/modules/risk/demo.js';

/**
 * Risk along the line (issue 12) from the HTTP side and the command line, on the demo department
 * with the platform clock at 2026-12-01 09:30 Beijing time: the demo's three years of history, the
 * cells of a line by each method, who may read them, imports that name every bad row and keep
 * nothing, and the backtest of the last six months against the retrospective baseline.
 */
const START = Date.parse('2026-12-01T09:30:00+08:00');
const USERS = ['admin', 'lz.analyst', 'lzc.analyst', 'lz.dispatcher1', 'lz.auditor', 'chengzhong.gongyuan.liaison', 'ps.liuzhou.officer'];
const MILEAGE = /^[A-Z]{1,2}\d+\+\d{3}$/;

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: Readable.from(['']), env });
  return { code, out, err };
}

describe.each(ENGINES)('risk along the line on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-risk-'));
  beforeAll(async () => {
    t = await startApp({ engine, demo: true, clockStart: START });
    for (const u of USERS) auth.set(u, await t.login(u));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)!, ...headers } });
  const historyRows = async () => Number((await t.app.db.kysely.selectFrom('risk_history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('seeds three years of demo history before the seeding day', async () => {
    const rows = await t.app.db.kysely.selectFrom('risk_history').select(['occurred_at', 'source']).execute();
    expect(rows.length).toBeGreaterThan(2000);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['demo']));
    const times = rows.map((r) => Date.parse(r.occurred_at));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse('2026-12-01T00:00:00Z'));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2023-12-01T00:00:00Z'));
  });

  it('answers the cells of a line by every method, ranked, each with what its score is made of', async () => {
    const line = t.app.services.network.current().line('xianggui')!;
    for (const method of ['rtm', 'nkde', 'retrospective', 'near_repeat'] as const) {
      const res = await call('lz.analyst', 'GET', `/api/risk/cells?lineId=xianggui&method=${method}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = RiskCells.parse(res.json());
      expect(body.cellM).toBe(100);
      // 100 m cells cut along the geometry: about one per 100 m, never more than one extra per chain break
      expect(Math.abs(body.cells.length - line.ref.lengthM / 100)).toBeLessThan(line.ref.chains.length + 2);
      for (const c of body.cells.slice(0, 50)) {
        expect(c.lineId).toBe('xianggui');
        expect(c.fromMileage).toMatch(MILEAGE);
        expect(c.toMileage).toMatch(MILEAGE);
      }
      // the measures a map draws the cells by: along the line, each cell starting where the one before ended
      for (let i = 1; i < body.cells.length; i++) expect(body.cells[i]!.fromMeasureM).toBeCloseTo(body.cells[i - 1]!.toMeasureM, 1);
      expect(body.cells[0]!.fromMeasureM).toBe(0);
      expect(body.cells.at(-1)!.toMeasureM).toBeCloseTo(line.ref.lengthM, 0);
      const top = body.cells.reduce((a, b) => (b.risk > a.risk ? b : a));
      // ranks are the department's: the line's riskiest cell has its best rank, and rank follows risk
      expect(top.rank).toBe(Math.min(...body.cells.map((c) => c.rank)));
      const sorted = [...body.cells].sort((a, b) => a.rank - b.rank);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.risk).toBeLessThanOrEqual(sorted[i - 1]!.risk);
      if (method === 'rtm') {
        expect(body.weights!.map((w) => w.factor)).toContain('station_500m');
        expect(Object.keys(top.factors)).toContain('station_500m');
      }
      if (method === 'nkde') expect(top.factors.density).toBeGreaterThan(0);
    }
    // the whole department at once, 500 m cells
    const all = RiskCells.parse((await call('lz.dispatcher1', 'GET', '/api/risk/cells?cellM=500&method=retrospective&category=track_intrusion')).json());
    expect(new Set(all.cells.map((c) => c.lineId)).size).toBe(t.app.services.network.current().lines().length);
    expect(all.cells.reduce((s, c) => s + (c.factors.incidents ?? 0), 0)).toBe(all.events);
  });

  it('lets analysts and the centre’s dispatchers read risk, and nobody else', async () => {
    for (const u of ['admin', 'lz.analyst', 'lzc.analyst', 'lz.dispatcher1']) expect((await call(u, 'GET', '/api/risk/cells?lineId=xianggui&method=retrospective')).statusCode, u).toBe(200);
    for (const u of ['lz.auditor', 'chengzhong.gongyuan.liaison', 'ps.liuzhou.officer']) expect((await call(u, 'GET', '/api/risk/cells?lineId=xianggui')).statusCode, u).toBe(403);
    expect((await call('ps.liuzhou.officer', 'POST', '/api/risk/backtest', { trainUntil: '2026-06-01', testUntil: '2026-12-01' })).statusCode).toBe(403);
  });

  it('names the bad query fields', async () => {
    const res = await call('lz.analyst', 'GET', '/api/risk/cells?cellM=5&method=guess&at=yesterday');
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['query.at', 'query.cellM', 'query.method']);
    const unknown = await call('lz.analyst', 'GET', '/api/risk/cells?lineId=nowhere');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].field).toBe('query.lineId');
    const category = await call('lz.analyst', 'GET', '/api/risk/cells?category=alien_landing');
    expect(category.statusCode).toBe(400);
    expect(category.json().error.details.fields[0].field).toBe('query.category');
    const doc = (await t.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/risk/cells', '/api/risk/backtest', '/api/risk/history']) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('imports history all or nothing, naming every bad row', async () => {
    const before = await historyRows();
    const model = t.app.services.network.current();
    const on = model.atMeasure('xianggui', 5000);
    const bad = [
      'occurredAt,category,lon,lat',
      `2025-04-01T10:00:00+08:00,track_intrusion,${on.onLine[0]},${on.onLine[1]}`,
      `2025-02-29T10:00:00+08:00,track_intrusion,${on.onLine[0]},${on.onLine[1]}`,
      `2025-04-01T10:00:00+08:00,alien_landing,${on.onLine[0]},${on.onLine[1]}`,
      '2025-04-01T10:00:00+08:00,track_intrusion,100.0,40.0',
    ].join('\n');
    const refused = await call('lz.analyst', 'POST', '/api/risk/history', bad, { 'content-type': 'text/csv' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('invalid_import');
    expect((refused.json().error.details.errors as Array<{ line: number; field: string }>).map((e) => `${e.line} ${e.field}`)).toEqual(['3 occurredAt', '4 category', '5 lon']);
    expect(await historyRows()).toBe(before);
    // a dispatcher reads risk but does not load history
    const good = ['occurredAt,category,lineId,mileage', `2025-04-01T10:00:00+08:00,stone_throwing,xianggui,${on.mileage}`, '2025-04-02,track_intrusion,xianggui,' + model.atMeasure('xianggui', 9000).mileage].join('\n');
    expect((await call('lz.dispatcher1', 'POST', '/api/risk/history', good, { 'content-type': 'text/csv' })).statusCode).toBe(403);
    const ok = await call('lz.analyst', 'POST', '/api/risk/history', good, { 'content-type': 'text/csv' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ imported: 2 });
    expect(await historyRows()).toBe(before + 2);
  });

  it('counts a live incident once it is closed', async () => {
    const events = async () => RiskCells.parse((await call('lz.analyst', 'GET', '/api/risk/cells?category=vehicle_on_line&method=retrospective&cellM=1000')).json()).events;
    const before = await events();
    const inc = await call('lz.dispatcher1', 'POST', '/api/incidents', { category: 'vehicle_on_line', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '农用车驶入线路' });
    expect(inc.statusCode, inc.body).toBe(201);
    const id = inc.json().id as string;
    for (const action of ['dispatch', 'en-route', 'on-scene', 'clear']) expect((await call('lz.dispatcher1', 'POST', `/api/incidents/${id}/${action}`, {})).statusCode, action).toBe(200);
    expect(await events()).toBe(before);
    expect((await call('lz.dispatcher1', 'POST', `/api/incidents/${id}/close`, { outcomeCode: 'resolved_on_scene', summary: '车辆已移出' })).statusCode).toBe(200);
    expect(await events()).toBe(before + 1);
  });

  it('backtests the last six months: the best method beats the retrospective baseline', async () => {
    const res = await call('lz.analyst', 'POST', '/api/risk/backtest', { trainUntil: '2026-06-01T00:00:00+08:00', testUntil: '2026-12-01T00:00:00+08:00' });
    expect(res.statusCode, res.body).toBe(200);
    const r = RiskBacktestResult.parse(res.json());
    expect(r.testEvents).toBeGreaterThan(300);
    expect(r.methods.map((m) => m.method)).toEqual(['retrospective', 'nkde', 'near_repeat', 'rtm']);
    const baseline = r.methods.find((m) => m.baseline)!;
    for (const [k, coverage] of [0.01, 0.05, 0.1].entries()) {
      const best = Math.max(...r.methods.filter((m) => !m.baseline).map((m) => m.scores[k]!.pai));
      expect(baseline.scores[k]!.coverage).toBe(coverage);
      expect(best, `PAI at ${coverage * 100}%`).toBeGreaterThan(baseline.scores[k]!.pai);
    }
    // the demo's near-repeats are found
    expect(r.knox.pValue).toBeLessThan(0.05);
    expect(r.knox.ratio).toBeGreaterThan(1);
    const wrong = await call('lz.analyst', 'POST', '/api/risk/backtest', { trainUntil: '2026-06-01', testUntil: '2026-01-01' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields[0].field).toBe('body.testUntil');
  });

  it.runIf(engine === 'sqlite')('backtests a history file and imports one from the command line', async () => {
    const env = { DATABASE_URL: t.databaseUrl };
    const rows = await t.app.db.kysely.selectFrom('risk_history').selectAll().where('source', '=', 'demo').orderBy('id').execute();
    const file = path.join(tmp, 'history.csv');
    fs.writeFileSync(file, historyCsv(rows.map((r) => ({ occurredAt: r.occurred_at, category: r.category, lineId: r.line_id, measure: r.measure_m, mileage: r.mileage, lon: r.lon, lat: r.lat }))));
    const run = await cli(['risk', 'backtest', '--history', file, '--train-until', '2026-06-01T00:00:00+08:00', '--test-until', '2026-12-01T00:00:00+08:00', '--cell-m', '200'], env);
    expect(run.err.join('\n')).not.toContain('railjoint:');
    expect(run.code).toBe(0);
    const table = run.out.join('\n');
    expect(table).toMatch(/retrospective \(baseline\)\s+1%/);
    expect(table).toMatch(/nkde\s+10%/);
    expect(table).toContain('Knox');
    expect((await cli(['risk', 'backtest', '--history', file, '--train-until', 'soon', '--test-until', '2026-12-01'], env)).code).toBe(2);

    const before = await historyRows();
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, ['occurredAt,category,lineId,mileage', '2025-04-01,track_intrusion,xianggui,K9999+000', '2025-04-01,track_intrusion,nowhere,K1+000', '2025-13-01,track_intrusion,xianggui,' + t.app.services.network.current().atMeasure('xianggui', 5000).mileage].join('\n'));
    const refused = await cli(['incidents', 'import-history', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([expect.stringMatching(/^ERROR {3}line 2 mileage: /), expect.stringMatching(/^ERROR {3}line 3 lineId: /), expect.stringMatching(/^ERROR {3}line 4 occurredAt: /)]);
    expect(await historyRows()).toBe(before);
    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(good, ['occurredAt,category,lineId,mileage', `2025-04-01,track_intrusion,xianggui,${t.app.services.network.current().atMeasure('xianggui', 5000).mileage}`].join('\n'));
    const ok = await cli(['incidents', 'import-history', good], env);
    expect(ok.out).toEqual(['imported: 1 past incident(s)']);
    expect(await historyRows()).toBe(before + 1);
  });

  it('places p posts over the risk beside where the patrol cars stand, and says which stretches gain and lose (issue 13)', async () => {
    // from scratch: p posts in all (keeping the cars' posts, the default, is allocation-posts.test.ts's)
    const res = await call('lz.analyst', 'GET', '/api/allocation/posts?p=10&limitMin=15&keep=false');
    expect(res.statusCode, res.body).toBe(200);
    const plan = PostPlan.parse(res.json());
    expect(plan.sites.filter((x) => x.chosen)).toHaveLength(10);
    expect(plan.current.posts).toBeGreaterThan(10);
    // the flags add up to the covered weights, and the fast solver is close to its own bound
    const sum = (f: (d: (typeof plan.demands)[number]) => boolean) => plan.demands.filter(f).reduce((a, d) => a + d.weight, 0);
    expect(sum((d) => d.proposed)).toBeCloseTo(plan.proposed.covered, 2);
    expect(sum((d) => d.now)).toBeCloseTo(plan.current.covered, 2);
    expect(plan.proposed.covered).toBeLessThanOrEqual(plan.proposed.bound + 1e-6);
    expect(plan.proposed.gapPct).toBeLessThan(5);
    // more time covers more
    const wider = PostPlan.parse((await call('lz.analyst', 'GET', '/api/allocation/posts?p=10&limitMin=30&keep=false')).json());
    expect(wider.proposed.covered).toBeGreaterThanOrEqual(plan.proposed.covered);
    const bad = await call('lz.analyst', 'GET', '/api/allocation/posts?p=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('query.p');
    expect((await call('chengzhong.gongyuan.liaison', 'GET', '/api/allocation/posts')).statusCode).toBe(403);
  });
});
