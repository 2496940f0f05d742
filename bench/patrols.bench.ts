import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { SYSTEM_ACTOR, type Actor } from '../server/src/platform/auth/actor.js';
import { generateDemo } from '../server/src/demo/generate.js';
import { checkpointToken } from '../server/src/modules/patrols/checkpoint-code.js';
import { DEFAULT_VERIFY_RULES, verifyCheckIn } from '../server/src/modules/patrols/verify-check-in.js';
import { sectionCoverage, type CoverageInput } from '../server/src/modules/patrols/coverage.js';
import { beijingDate, beijingInstant } from '../server/src/modules/patrols/duties.js';
import { fmt, type BenchRow } from './report.js';

const DEMO_PASSWORD = 'bench-demo-password';

async function app(dir: string, demo: boolean): Promise<App> {
  // from the environment's own defaults, so the bench keeps up with new configuration
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, RAILJOINT_DATA_KEY_FILE: path.join(dir, 'bench.keys'), RAILJOINT_ADMIN_PASSWORD: 'bench-admin-password', RAILJOINT_DEMO: demo ? '1' : '0', RAILJOINT_MFA_ROLES: '', LOG_LEVEL: 'silent' });
  return createApp({ ...config, webDist: null }, { demoPassword: DEMO_PASSWORD });
}

async function signIn(a: App, username: string): Promise<{ token: string; actor: Actor }> {
  const r = await a.services.users.login(username, DEMO_PASSWORD);
  if (!('token' in r)) throw new Error(`${username} was asked for a second factor`);
  return { token: r.token, actor: (await a.services.users.actorForToken(r.token))! };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Civil defence on the embedded database: check-ins through the service (signature, geometry,
 * plausibility, the once-only record, change log, audit chain and event, one durable transaction
 * each) against raw inserts of the same rows; the pure verifier alone; 10,000 queued items
 * synced through the HTTP batch, then sent again, against raw inserts of what they wrote; and
 * coverage for a day on the national network against a naive scan of every visit per section.
 */
export async function benchPatrols(opts: { log: (line: string) => void; checkIns?: number; patrols?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const rows: BenchRow[] = [];
  const row = (name: string, value: string) => {
    rows.push({ name, value });
    log(`patrols: ${name}: ${value}`);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-patrols-'));
  try {
    const a = await app(dir, true);
    try {
      await checkIns(a, opts.checkIns ?? 2000, row);
      await sync(a, opts.patrols ?? 100, row);
    } finally {
      await a.close();
    }
    const national = await app(fs.mkdtempSync(path.join(dir, 'national-')), false);
    try {
      await coverage(national, row, log);
    } finally {
      await national.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

async function checkIns(a: App, n: number, row: (name: string, value: string) => void) {
  const civil = a.services.civil;
  const { actor } = await signIn(a, 'vt.luorong.volunteer1');
  const cps = await Promise.all(['cp-vt-luorong-1', 'cp-vt-luorong-2', 'cp-vt-luorong-3'].map((id) => civil.checkpoints.get(actor, id)));
  const tokens = await Promise.all(cps.map((c) => civil.checkpoints.code(actor, c.id, 'zh-CN').then((x) => x.token)));
  // patrols of 20 check-ins each, walking the stretch up and down: 40 minutes between
  // checkpoints two kilometres apart, all before now
  const step = 40 * 60_000;
  const perPatrol = 20;
  const patrols = Math.ceil(n / perPatrol);
  const end = Date.now() - 60_000;
  const order = (i: number) => [0, 1, 2, 1][i % 4]!;
  const starts: Array<{ id: string; t0: number }> = [];
  for (let p = 0; p < patrols; p++) {
    const t0 = end - (patrols - p) * (perPatrol + 2) * step;
    const id = crypto.randomUUID();
    await civil.patrols.start(actor, { id, teamId: 'pt-vt-luorong', dutyId: null, memberIds: [], at: iso(t0) });
    starts.push({ id, t0 });
  }
  let t = performance.now();
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const { id, t0 } = starts[Math.floor(i / perPatrol)]!;
    const k = i % perPatrol;
    const c = cps[order(k)]!;
    const r = await civil.checkIns.checkIn(actor, id, { id: crypto.randomUUID(), checkpointId: c.id, method: 'qr', code: tokens[order(k)]!, lon: c.coordinates[0], lat: c.coordinates[1], accuracyM: 8, at: iso(t0 + (k + 1) * step) }, 'zh-CN');
    if (r.status === 201) accepted++;
  }
  const serviceMs = performance.now() - t;
  if (accepted !== n) throw new Error(`only ${accepted} of ${n} check-ins were accepted`);
  const written = await a.db.kysely.selectFrom('patrol_check_ins').selectAll().where('patrol_id', 'in', starts.map((s) => s.id)).execute();
  t = performance.now();
  for (const r of written) await a.db.kysely.transaction().execute((trx) => trx.insertInto('patrol_check_ins').values({ ...r, id: crypto.randomUUID() }).execute());
  const rawMs = performance.now() - t;
  row(`check-ins on SQLite (${fmt(n)}, each its own durable transaction: code, geometry, plausibility, once-only record, change log, SM3 audit, event)`, `${fmt(n / (serviceMs / 1000))}/s through the service vs ${fmt(n / (rawMs / 1000))}/s raw inserts of the same rows: ${fmt(serviceMs / rawMs, 1)}× the cost`);

  // the verifier alone, on the same kind of case, with a long track to judge plausibility along
  const key = Buffer.alloc(32, 1);
  const cp = { id: 'cp', lon: 109.6, lat: 24.4, radiusM: 50, codeVersion: 1, nfcTagId: null, active: true };
  const token = checkpointToken(key, 'cp', 1);
  const at = Date.parse('2026-12-01T01:00:00Z');
  const track = Array.from({ length: 60 }, (_, i) => ({ at: at - (60 - i) * 20_000, lon: 109.6 - (60 - i) * 0.00005, lat: 24.4, accuracyM: 10 }));
  const m = 100_000;
  t = performance.now();
  let ok = 0;
  for (let i = 0; i < m; i++) {
    const v = verifyCheckIn({ key, checkpoint: cp, method: 'qr', code: token, visit: { at, lon: 109.6, lat: 24.4, accuracyM: 8 }, receivedAt: at + 1000, patrol: { startedAt: at - 3600_000, finishedAt: null, mode: 'foot', dutyId: null }, duties: [{ id: 'd', start: at - 1800_000, end: at + 1800_000, checkpointIds: ['cp'] }], earlier: [], previous: null, track, rules: DEFAULT_VERIFY_RULES });
    if (v.accepted) ok++;
  }
  const pureMs = performance.now() - t;
  if (ok !== m) throw new Error('the verifier refused a good case');
  row('verifier alone (HMAC, geometry, 60-point track, in memory)', `${fmt(m / (pureMs / 1000))} check-ins/s`);
}

async function sync(a: App, patrols: number, row: (name: string, value: string) => void) {
  const civil = a.services.civil;
  const { token, actor } = await signIn(a, 'vt.luorong.volunteer1');
  const cps = await Promise.all(['cp-vt-luorong-1', 'cp-vt-luorong-2', 'cp-vt-luorong-3'].map((id) => civil.checkpoints.get(actor, id)));
  const codes = await Promise.all(cps.map((c) => civil.checkpoints.code(actor, c.id, 'zh-CN').then((x) => x.token)));
  // each patrol: a start, 80 batches of 5 track points (40 minutes at the first checkpoint), 18
  // check-ins walking the stretch up and down, a finish — 100 queued items, all of an earlier day
  const items: unknown[] = [];
  const base = Date.now() - patrols * 14 * 3600_000 - 3600_000;
  for (let p = 0; p < patrols; p++) {
    const id = crypto.randomUUID();
    const t0 = base + p * 14 * 3600_000;
    items.push({ kind: 'start', body: { id, teamId: 'pt-vt-luorong', at: iso(t0) } });
    for (let k = 0; k < 80; k++) {
      const c = cps[0]!;
      items.push({ kind: 'track', patrolId: id, body: { id: crypto.randomUUID(), points: Array.from({ length: 5 }, (_, j) => ({ at: iso(t0 + (k * 5 + j) * 6000 + 1000), lon: c.coordinates[0], lat: c.coordinates[1], accuracyM: 10 })) } });
    }
    for (let k = 0; k < 18; k++) {
      const i = [0, 1, 2, 1][k % 4]!;
      items.push({ kind: 'check_in', patrolId: id, body: { id: crypto.randomUUID(), checkpointId: cps[i]!.id, method: 'qr', code: codes[i]!, lon: cps[i]!.coordinates[0], lat: cps[i]!.coordinates[1], accuracyM: 8, at: iso(t0 + 3600_000 + k * 40 * 60_000) } });
    }
    items.push({ kind: 'finish', patrolId: id, body: { id: crypto.randomUUID(), at: iso(t0 + 13 * 3600_000) } });
  }
  const send = async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < items.length; i += 500) {
      const res = await a.http.inject({ method: 'POST', url: '/api/patrol-sync', payload: { items: items.slice(i, i + 500) }, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`sync answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      for (const r of res.json().results as Array<{ status: number }>) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    return statuses;
  };
  let t = performance.now();
  const first = await send();
  const firstMs = performance.now() - t;
  if ((first.get(201) ?? 0) + (first.get(200) ?? 0) !== items.length) throw new Error(`not every item was taken: ${JSON.stringify([...first])}`);
  t = performance.now();
  await send();
  const againMs = performance.now() - t;
  // the same rows written raw, one transaction per item
  const db = a.db.kysely;
  const written = await db.selectFrom('patrols').selectAll().where('started_by', '=', 'vt.luorong.volunteer1').where('client_started_at', '>=', iso(base)).execute();
  t = performance.now();
  for (const p of written) {
    const id = crypto.randomUUID();
    await db.transaction().execute((trx) => trx.insertInto('patrols').values({ ...p, id, finished_at: null, client_finished_at: null }).execute());
    const track = await db.selectFrom('patrol_track').selectAll().where('patrol_id', '=', p.id).orderBy('client_at').execute();
    for (let k = 0; k < track.length; k += 5) await db.transaction().execute((trx) => trx.insertInto('patrol_track').values(track.slice(k, k + 5).map((x) => ({ ...x, patrol_id: id }))).execute());
    const ins = await db.selectFrom('patrol_check_ins').selectAll().where('patrol_id', '=', p.id).execute();
    for (const c of ins) await db.transaction().execute((trx) => trx.insertInto('patrol_check_ins').values({ ...c, id: crypto.randomUUID(), patrol_id: id }).execute());
    await db.transaction().execute((trx) => trx.updateTable('patrols').set({ finished_at: p.finished_at, client_finished_at: p.client_finished_at }).where('id', '=', id).execute());
  }
  const rawMs = performance.now() - t;
  row(`sync of ${fmt(items.length)} queued items (${fmt(patrols)} patrols; batches of 500 over HTTP, each item its own transaction)`, `${fmt(firstMs / 1000, 1)} s: ${fmt(items.length / (firstMs / 1000))} items/s vs ${fmt(items.length / (rawMs / 1000))}/s raw inserts of the same rows: ${fmt(firstMs / rawMs, 1)}× the cost`);
  row('the same 10,000 items sent again (every one answered from its first answer)', `${fmt(againMs / 1000, 1)} s: ${fmt(items.length / (againMs / 1000))} items/s, nothing written twice`);
}

async function coverage(a: App, row: (name: string, value: string) => void, log: (line: string) => void) {
  log('patrols: importing the national network for coverage…');
  const demo = generateDemo({ scale: 'national', seed: 7 });
  await a.services.network.import(SYSTEM_ACTOR, demo.network, 'replace');
  const model = a.services.network.current();
  const db = a.db.kysely;
  const date = beijingDate(Date.now());
  const at = Math.min(Date.now(), beijingInstant(date, '00:00') + 86_400_000);
  const now = new Date().toISOString();
  // a checkpoint every 5 km posts, five to a plan, two windows a day; four in five visits made
  const checkpoints: Array<{ id: string; lineId: string; sectionId: string | null; lon: number; lat: number }> = [];
  for (const f of demo.network.features) {
    if (f.properties.kind !== 'line') continue;
    const lineId = f.properties.id;
    f.properties.kmPosts.forEach((p, i) => {
      if (i % 5 !== 0 || p.ahead) return;
      const hit = model.locateOnLine(lineId, p.coordinates, { maxOffsetM: 50 });
      checkpoints.push({ id: `cp-${lineId}-${i}`, lineId, sectionId: hit?.sectionId ?? null, lon: p.coordinates[0], lat: p.coordinates[1] });
    });
  }
  const duties: Array<{ id: string; planId: string; joint: boolean; end: string; checkpointIds: string[] }> = [];
  for (let i = 0; i < checkpoints.length; i += 5) {
    const ids = checkpoints.slice(i, i + 5).map((c) => c.id);
    for (const [w, to] of [[0, '11:00'], [1, '21:00']] as const) duties.push({ id: `d-${i}-${w}`, planId: `p-${i}`, joint: i % 10 === 0, end: iso(beijingInstant(date, to)), checkpointIds: ids });
  }
  const visits: Array<{ dutyId: string; checkpointId: string; late: boolean; agencyId: string }> = [];
  duties.forEach((d, k) => d.checkpointIds.forEach((c, j) => (k + j) % 5 !== 0 && visits.push({ dutyId: d.id, checkpointId: c, late: j === 4, agencyId: (k + j) % 2 ? 'a1' : 'a2' })));
  log(`patrols: writing ${fmt(checkpoints.length)} checkpoints, ${fmt(duties.length)} duties and ${fmt(visits.length)} check-ins…`);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < checkpoints.length; i += 200) {
      await trx.insertInto('checkpoints').values(checkpoints.slice(i, i + 200).map((c) => ({ id: c.id, agency_id: 'a1', name: c.id, kind: 'checkpoint', place: '{}', lon: c.lon, lat: c.lat, line_id: c.lineId, mileage: null, measure_m: null, section_id: c.sectionId, station_id: null, radius_m: 50, nfc_tag_id: null, code_version: 1, active: 1, note: null, created_at: now, updated_at: now }))).execute();
    }
    for (let i = 0; i < duties.length; i += 200) {
      await trx.insertInto('patrol_duties').values(duties.slice(i, i + 200).map((d) => ({ id: d.id, plan_id: d.planId, plan_version: 1, date, slot_start: iso(Date.parse(d.end) - 3 * 3600_000), slot_end: d.end, kind: 'patrol', mode: 'foot', checkpoint_ids: JSON.stringify(d.checkpointIds), team_ids: '["t1"]', joint: d.joint ? 1 : 0, settled_at: null, created_at: now }))).execute();
      await trx.insertInto('patrols').values(duties.slice(i, i + 200).map((d) => ({ id: `pa-${d.id}`, team_id: 't1', agency_id: 'a1', duty_id: d.id, plan_id: d.planId, mode: 'foot', member_ids: '[]', started_by: 'bench', client_started_at: now, started_at: now, client_finished_at: null, finished_at: null, finish_reason: null, last_lon: null, last_lat: null, last_at: null, moved_lon: null, moved_lat: null, moved_at: now, welfare_alerted_at: null }))).execute();
    }
    for (let i = 0; i < visits.length; i += 200) {
      await trx.insertInto('patrol_check_ins').values(visits.slice(i, i + 200).map((v, k) => ({ id: `ci-${i + k}`, patrol_id: `pa-${v.dutyId}`, checkpoint_id: v.checkpointId, duty_id: v.dutyId, team_id: 't1', agency_id: v.agencyId, method: 'qr', lon: 0, lat: 0, accuracy_m: 5, client_at: iso(at - 3600_000), received_at: now, accepted: 1, late: v.late ? 1 : 0, reason: null, factors: '{}', by_user: 'bench' }))).execute();
    }
  });
  // the service: the day's duties, visits and last check-in per section from SQL, then the model
  let t = performance.now();
  const report = await a.services.civil.coverage.sections(SYSTEM_ACTOR, { date });
  const serviceMs = performance.now() - t;
  // the same day's figures, from the same arrays, by the model and by a naive scan per section
  const sections = model.sections();
  const sectionOf = new Map(checkpoints.map((c) => [c.id, c.sectionId]));
  const done = new Map<string, Map<string, { late: boolean }>>();
  const agencies = new Map<string, Set<string>>();
  for (const v of visits) {
    done.set(v.dutyId, (done.get(v.dutyId) ?? new Map()).set(v.checkpointId, { late: v.late }));
    agencies.set(v.dutyId, (agencies.get(v.dutyId) ?? new Set()).add(v.agencyId));
  }
  const input: CoverageInput = { sections, risk: new Map(), lastPatrolled: new Map(), sectionOf, duties, done, agencies, now: at, graceS: 900 };
  t = performance.now();
  const modelRows = sectionCoverage(input);
  const modelMs = performance.now() - t;
  const made = new Set(visits.map((v) => `${v.dutyId}|${v.checkpointId}`));
  t = performance.now();
  const naive = sections.map((s) => {
    let planned = 0;
    let visited = 0;
    for (const d of duties) {
      for (const c of d.checkpointIds) {
        if (sectionOf.get(c) !== s.id) continue;
        planned++;
        if (made.has(`${d.id}|${c}`)) visited++;
      }
    }
    return { sectionId: s.id, planned, visited };
  });
  const naiveMs = performance.now() - t;
  const agree = naive.every((n) => {
    const m = modelRows.find((r) => r.sectionId === n.sectionId)!;
    return m.planned === n.planned && m.onTime + m.late === n.visited;
  });
  const serviceAgrees = report.sections.every((r) => {
    const m = modelRows.find((x) => x.sectionId === r.sectionId)!;
    return r.planned === m.planned && r.onTime === m.onTime && r.late === m.late;
  });
  if (!agree || !serviceAgrees) throw new Error('coverage disagrees with the naive scan or the model');
  row('coverage for a day on the national network', `${fmt(sections.length)} sections, ${fmt(checkpoints.length)} checkpoints, ${fmt(duties.length)} duties, ${fmt(visits.length)} check-ins`);
  row('coverage through the service (SQL: duties, visits, last check-in per section; then the model)', `${fmt(serviceMs)} ms`);
  row('coverage model alone vs a naive scan of every visit per section', `${fmt(modelMs, 1)} ms vs ${fmt(naiveMs)} ms: ${fmt(naiveMs / modelMs)}× faster (same figures for every section)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPatrols({ log: (l) => console.error(l) }), null, 2));
}
