import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Selectable } from 'kysely';
import { createApp, type App } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import type { Actor } from '../server/src/platform/auth/actor.js';
import type { Database } from '../server/src/platform/db/schema.js';
import { createRng } from '../server/src/demo/prng.js';
import { INDICATORS } from '../server/src/modules/indicators/definitions.js';
import { fold, type Group } from '../server/src/modules/indicators/aggregate.js';
import { indicatorsSchema } from '../server/src/modules/indicators/migrations.js';
import { CreateBulletinRequest, periodRange, type IndicatorTable } from '@railjoint/contracts';
import { fmt, type BenchRow } from './report.js';

const DEMO_PASSWORD = 'bench-demo-password';
const MONTH = '2026-12';
// the platform's clock stands at the month's last afternoon, so the whole month has been lived
const CLOCK = '2026-12-31T12:00:00+08:00';

/**
 * Indicators for a month of the demo department with 100,000 incidents (and transfers, bulletins
 * with their recipients, task orders in proportion), by the engine's grouped SQL against a naive
 * scan — every row of every source table loaded and each indicator computed in JavaScript — in
 * the same run, with every figure of both compared.
 */
export async function benchIndicators(opts: { log: (line: string) => void; incidents?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const n = opts.incidents ?? 100_000;
  const rows: BenchRow[] = [];
  const row = (name: string, value: string) => {
    rows.push({ name, value });
    log(`indicators: ${name}: ${value}`);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-indicators-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, RAILJOINT_DATA_KEY_FILE: path.join(dir, 'bench.keys'), RAILJOINT_ADMIN_PASSWORD: 'bench-admin-password', RAILJOINT_DEMO: '1', RAILJOINT_MFA_ROLES: '', LOG_LEVEL: 'silent', RAILJOINT_CLOCK_START: CLOCK });
  const a = await createApp({ ...config, webDist: null }, { demoPassword: DEMO_PASSWORD });
  try {
    const period = periodRange({ month: MONTH })!;
    const actor = await signIn(a, 'lz.commander');
    let t = performance.now();
    const made = await seed(a, actor, n, period);
    row('data', `${fmt(n)} incidents, ${fmt(made.transfers)} transfers, ${fmt(made.recipients)} bulletin recipients, ${fmt(made.tasks)} task orders, ${fmt(made.commands)} joint commands, ${fmt(made.reports)} public reports, ${fmt(made.alarms)} alarms, ${fmt(made.patrols)} patrols in ${MONTH}; seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const service = a.services.indicators.indicators;
    await service.compute(actor, period); // warm
    const runs: number[] = [];
    let table: IndicatorTable | null = null;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      table = await service.compute(actor, period);
      runs.push(performance.now() - t);
    }
    const sqlMs = median(runs);
    // the period indexes of migration 033, weighed in the same run: dropped, measured, made again
    await indicatorsSchema().down!(a.db.kysely);
    const bare: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await service.compute(actor, period);
      bare.push(performance.now() - t);
    }
    await indicatorsSchema().up(a.db.kysely);
    t = performance.now();
    const naive = await naiveScan(a, { ...period, asOf: table!.asOf });
    const naiveMs = performance.now() - t;
    const { compared, worst, mismatches } = compare(table!, naive);
    if (mismatches.length) throw new Error(`indicators: the engine and the naive scan disagree:\n${mismatches.slice(0, 10).join('\n')}`);
    row(`every indicator (${INDICATORS.length}) × every agency (${table!.agencies.length}), grouped SQL (median of 5)`, `${fmt(sqlMs)} ms (${fmt(median(bare))} ms without the period indexes of migration 033)`);
    const withData = INDICATORS.filter((ind) => table!.values.some((v) => v.indicatorId === ind.id && v.denominator > 0)).map((ind) => ind.id);
    log(`indicators: with records in the month: ${withData.join(', ')}`);
    row('the same by a naive scan (every row loaded, computed in JavaScript)', `${fmt(naiveMs)} ms — the engine ${fmt(naiveMs / sqlMs, 1)}× faster; ${fmt(compared)} figures equal (worst difference ${worst.toExponential(1)}; ${withData.length} of ${INDICATORS.length} indicators with records)`);
  } finally {
    await a.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

export async function signIn(a: App, username: string): Promise<Actor> {
  const r = await a.services.users.login(username, DEMO_PASSWORD);
  if (!('token' in r)) throw new Error(`${username} was asked for a second factor`);
  return (await a.services.users.actorForToken(r.token))!;
}

const iso = (ms: number) => new Date(ms).toISOString();
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/** Raw rows, cloned from one incident and one bulletin made through the services, times drawn over the month. */
export async function seed(a: App, actor: Actor, n: number, period: { from: string; to: string }) {
  const db = a.db.kysely;
  const rng = createRng(14);
  const leads = a.services.organisation
    .agencies()
    .filter((x) => x.type !== 'coordination_centre')
    .slice(0, 24)
    .map((x) => x.id);
  const from = Date.parse(period.from);
  const span = Date.parse(period.to) - from - 86_400_000;
  const { incident } = await a.services.incidents.create(actor, { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' }, 'bench');
  const template = await db.selectFrom('incidents').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
  const ids: Array<{ id: string; lead: string; received: number }> = [];
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const received = from + Math.floor(rng.next() * span);
      const lead = leads[Math.floor(rng.next() * leads.length)]!;
      const dispatched = rng.next() < 0.95 ? received + Math.floor(20_000 + rng.next() * 300_000) : null;
      const onScene = dispatched !== null && rng.next() < 0.9 ? dispatched + Math.floor(rng.next() * 2 * template.time_limit_s * 1000) : null;
      const id = crypto.randomUUID();
      ids.push({ id, lead, received });
      return { ...template, id, code: `BENCH-${i + k}`, external_ref: null, lead_agency_id: lead, status: onScene ? 'cleared' : dispatched ? 'dispatched' : 'received', received_at: iso(received), occurred_at: iso(received), dispatched_at: dispatched === null ? null : iso(dispatched), on_scene_at: onScene === null ? null : iso(onScene), cleared_at: onScene === null ? null : iso(onScene + 1_800_000) };
    });
    await db.transaction().execute(async (trx) => {
      for (let j = 0; j < batch.length; j += 50) await trx.insertInto('incidents').values(batch.slice(j, j + 50)).execute();
      const parts = batch.map((x) => ({ incident_id: x.id, agency_id: x.lead_agency_id!, role: 'lead' }));
      for (let j = 0; j < parts.length; j += 200) await trx.insertInto('incident_agencies').values(parts.slice(j, j + 200)).execute();
    });
  }
  // a transfer for one incident in twenty, answered in some minutes, declined or lapsed now and then
  const transfers = ids.filter((_, i) => i % 20 === 0).map((x) => {
    const r = rng.next();
    const status = r < 0.8 ? 'accepted' : r < 0.93 ? 'declined' : 'timed_out';
    const sent = x.received + 60_000;
    return { id: crypto.randomUUID(), incident_id: x.id, from_agency_id: null, to_agency_id: leads[(leads.indexOf(x.lead) + 1) % leads.length]!, reason: '辖区', status, sent_at: iso(sent), sent_by: actor.userId, deadline: iso(sent + 600_000), answered_at: iso(sent + Math.floor(rng.next() * 600_000)), answered_by: null, answer_reason: null };
  });
  await db.transaction().execute(async (trx) => {
    for (let j = 0; j < transfers.length; j += 100) await trx.insertInto('transfers').values(transfers.slice(j, j + 100)).execute();
  });
  // bulletins: one made through the service, cloned, each to six agencies, most acknowledged
  const made = await a.services.sharing.publish(actor, CreateBulletinRequest.parse({ kind: 'bolo', title: '基准测试通报', body: '测试', classification: 'internal', distribution: { agencies: leads.slice(0, 6) }, validUntil: iso(Date.parse(period.to) + 30 * 86_400_000) }));
  const bTemplate = await db.selectFrom('bulletins').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
  let recipients = 0;
  for (let i = 0; i < n / 100; i++) {
    const id = crypto.randomUUID();
    const created = from + Math.floor(rng.next() * span);
    const to = leads.filter(() => rng.next() < 0.25).slice(0, 6);
    await db.insertInto('bulletins').values({ ...bTemplate, id, code: `BENCH-TB-${i}`, created_at: iso(created), updated_at: iso(created) }).execute();
    if (to.length) await db.insertInto('bulletin_recipients').values(to.map((agency) => ({ bulletin_id: id, agency_id: agency, acknowledged_at: rng.next() < 0.85 ? iso(created + Math.floor(rng.next() * 3_600_000)) : null, acknowledged_by: null, reminded_at: null }))).execute();
    recipients += to.length;
  }
  // task orders, one for every twenty incidents, most done by their deadline
  const tasks = ids.filter((_, i) => i % 20 === 1).map((x, i) => {
    const issued = x.received + 300_000;
    const deadline = issued + 4 * 3_600_000;
    const done = rng.next() < 0.9 ? issued + Math.floor(rng.next() * 6 * 3_600_000) : null;
    return { id: crypto.randomUUID(), code: `BENCH-ZL-${i}`, command_id: null, incident_id: x.id, campaign: null, title: '现场处置', detail: null, to_agency_id: x.lead, to_unit_id: null, from_agency_id: actor.agencyId, issued_by: actor.userId, issued_at: iso(issued), deadline: iso(deadline), status: done ? 'completed' : 'issued', acknowledged_at: null, completed_at: done === null ? null : iso(done), overdue_at: null, version: 1 };
  });
  await db.transaction().execute(async (trx) => {
    for (let j = 0; j < tasks.length; j += 100) await trx.insertInto('tasks').values(tasks.slice(j, j + 100)).execute();
  });
  const others = await seedOthers(a, actor, ids, rng, { from, span });
  return { transfers: transfers.length, recipients, tasks: tasks.length, ...others };
}

/**
 * The smaller sources, so every indicator has records to compare: joint commands on one incident
 * in two hundred, public reports on one in a hundred, alarms of the demo's devices (some marked
 * false), patrols of the demo's teams with check-ins (some late) and hours.
 */
async function seedOthers(a: App, actor: Actor, ids: Array<{ id: string; lead: string; received: number }>, rng: { next(): number }, p: { from: number; span: number }) {
  const db = a.db.kysely;
  const agencies = [...new Set(ids.map((x) => x.lead))];
  const commands = ids.filter((_, i) => i % 200 === 2).map((x) => ({ id: crypto.randomUUID(), incident_id: x.id, name: '联合指挥部', status: 'open', opened_at: iso(x.received + 600_000), opened_by: actor.userId, closed_at: null, version: 1, lead: x.lead }));
  const members = commands.flatMap((c) => [c.lead, agencies[(agencies.indexOf(c.lead) + 1 + Math.floor(rng.next() * (agencies.length - 1))) % agencies.length]!].map((agency, k) => ({ command_id: c.id, agency_id: agency, role: k === 0 ? 'lead' : 'support', person: `指挥员${k}`, user_id: null })));
  const reports = ids.filter((_, i) => i % 100 === 3).map((x) => ({ id: crypto.randomUUID(), code_hash: crypto.randomUUID(), client_hash: null, request_hash: crypto.randomUUID(), category: 'stone_throwing', description: '群众报告', place: '柳州', lon: null, lat: null, incident_id: x.id, source: 'web', open311_client_id: null, media_url: null, submitted_at: iso(x.received - 60_000) }));
  const devices = await db.selectFrom('devices').select(['id']).limit(200).execute();
  const alarms = devices.length
    ? Array.from({ length: 2000 }, () => {
        const at = iso(p.from + Math.floor(rng.next() * p.span));
        return { id: crypto.randomUUID(), device_id: devices[Math.floor(rng.next() * devices.length)]!.id, condition: 'intrusion', state: 'cleared' as const, acknowledged: 1, ack_by: null, ack_at: null, shelved_until: null, shelve_reason: null, shelved_by: null, count: 1, activations: 1, recent: '[]', first_at: at, last_at: at, cleared_at: at, line_id: null, measure_m: null, group_id: null, chattering: 0, suppressed: 0, annotations: '[]', false_by: null, false_at: rng.next() < 0.2 ? at : null, false_reason: null, notified_at: null, version: 1 };
      })
    : [];
  const teams = await db.selectFrom('patrol_teams').select(['id', 'agency_id']).limit(20).execute();
  const checkpoints = await db.selectFrom('checkpoints').select(['id', 'lon', 'lat']).limit(50).execute();
  const patrols = teams.length && checkpoints.length
    ? Array.from({ length: 1000 }, (_, i) => {
        const team = teams[i % teams.length]!;
        const at = iso(p.from + Math.floor(rng.next() * p.span));
        return { id: crypto.randomUUID(), team_id: team.id, agency_id: team.agency_id, duty_id: null, plan_id: null, mode: 'free', member_ids: '[]', started_by: actor.userId, client_started_at: at, started_at: at, client_finished_at: at, finished_at: at, finish_reason: null, last_lon: null, last_lat: null, last_at: null, moved_lon: null, moved_lat: null, moved_at: at, welfare_alerted_at: null };
      })
    : [];
  const checkIns = patrols.map((x, i) => {
    const cp = checkpoints[i % checkpoints.length]!;
    return { id: crypto.randomUUID(), patrol_id: x.id, checkpoint_id: cp.id, duty_id: null, team_id: x.team_id, agency_id: x.agency_id, method: 'qr', lon: cp.lon, lat: cp.lat, accuracy_m: 10, client_at: x.started_at, received_at: x.started_at, accepted: rng.next() < 0.95 ? 1 : 0, late: rng.next() < 0.1 ? 1 : 0, reason: null, factors: '[]', by_user: actor.userId };
  });
  const points = patrols.map((x) => ({ id: crypto.randomUUID(), team_id: x.team_id, member_id: null, public_report_id: null, kind: 'patrol_hours', points: 0, hours: Math.round(rng.next() * 40) / 10, ref_id: x.id, at: x.started_at, month: x.started_at.slice(0, 7), credit_key: `bench:${x.id}` }));
  await db.transaction().execute(async (trx) => {
    const put = async <T extends keyof Database>(table: T, rows: readonly object[]) => {
      for (let j = 0; j < rows.length; j += 50) await trx.insertInto(table).values(rows.slice(j, j + 50) as never).execute();
    };
    await put('commands', commands.map(({ lead: _lead, ...c }) => c));
    await put('command_members', members);
    await put('public_reports', reports);
    await put('alarms', alarms);
    await put('patrols', patrols);
    await put('patrol_check_ins', checkIns);
    await put('patrol_points', points);
  });
  return { commands: commands.length, reports: reports.length, alarms: alarms.length, patrols: patrols.length };
}

type Groups = Map<string, Map<string, Group>>;

/** Every indicator the simple way: whole tables into memory, each record judged in JavaScript. */
async function naiveScan(a: App, period: { from: string; to: string; asOf: string }): Promise<Groups> {
  const db = a.db.kysely;
  const asOf = period.asOf;
  const inP = (at: string | null | undefined) => !!at && at >= period.from && at < period.to;
  const s = (x: string, y: string) => (Date.parse(y) - Date.parse(x)) / 1000;
  const out: Groups = new Map();
  const add = (ind: string, agency: string | null, measure: number | null, hit: number | null) => {
    if (!agency) return;
    const m = out.get(ind) ?? new Map<string, Group>();
    out.set(ind, m);
    const g = m.get(agency) ?? { n: 0, hits: 0, total: 0, measured: 0 };
    m.set(agency, g);
    g.n++;
    g.hits += hit ?? 0;
    if (measure !== null) {
      g.total += measure;
      g.measured++;
    }
  };
  const all = async <T extends keyof Database>(table: T) => (await db.selectFrom(table).selectAll().execute()) as unknown as Array<Selectable<Database[T]>>;
  const incidents = await all('incidents');
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const real = (i: Selectable<Database['incidents']>) => i.status !== 'cancelled' && i.status !== 'merged' && i.lead_agency_id !== null;
  for (const i of incidents) {
    if (!inP(i.received_at) || !real(i)) continue;
    add('reception.dispatch_time', i.lead_agency_id, i.dispatched_at ? s(i.received_at, i.dispatched_at) : null, null);
    if (i.on_scene_at !== null || s(i.received_at, asOf) > i.time_limit_s) add('reception.on_scene_in_limit', i.lead_agency_id, i.on_scene_at ? s(i.received_at, i.on_scene_at) : null, i.on_scene_at !== null && s(i.received_at, i.on_scene_at) <= i.time_limit_s ? 1 : 0);
  }
  for (const t of await all('transfers')) {
    if (!inP(t.sent_at) || !byId.has(t.incident_id)) continue;
    if (t.status === 'accepted' && t.answered_at) add('transfers.accept_time', t.to_agency_id, s(t.sent_at, t.answered_at), null);
    if (t.status !== 'pending') {
      add('transfers.declined', t.to_agency_id, null, t.status === 'declined' ? 1 : 0);
      add('transfers.timed_out', t.to_agency_id, null, t.status === 'timed_out' ? 1 : 0);
    }
  }
  const bulletins = new Map((await all('bulletins')).map((b) => [b.id, b]));
  for (const r of await all('bulletin_recipients')) {
    const b = bulletins.get(r.bulletin_id);
    if (!b || !inP(b.created_at) || r.agency_id === b.sender_agency_id) continue;
    add('bulletins.ack_rate', r.agency_id, r.acknowledged_at ? s(b.created_at, r.acknowledged_at) / 60 : null, r.acknowledged_at ? 1 : 0);
    if (r.acknowledged_at) add('bulletins.ack_time', r.agency_id, s(b.created_at, r.acknowledged_at) / 60, null);
  }
  for (const t of await all('tasks')) {
    if (!inP(t.deadline) || t.status === 'cancelled' || !(t.completed_at !== null || t.deadline <= asOf)) continue;
    add('tasks.on_time', t.to_agency_id, t.completed_at ? s(t.issued_at, t.completed_at) / 3600 : null, t.completed_at !== null && t.completed_at <= t.deadline ? 1 : 0);
  }
  const commands = new Map((await all('commands')).map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const m of await all('command_members')) {
    const c = commands.get(m.command_id);
    if (!c || !inP(c.opened_at) || !byId.has(c.incident_id) || seen.has(`${c.id}/${m.agency_id}`)) continue;
    seen.add(`${c.id}/${m.agency_id}`);
    add('commands.joined', m.agency_id, 1, null);
  }
  const plans = new Map((await all('patrol_plans')).map((p) => [p.id, p]));
  const checkIns = await all('patrol_check_ins');
  const dutiesDone = new Set(checkIns.filter((c) => c.accepted === 1 && c.duty_id).map((c) => c.duty_id));
  const duties = await all('patrol_duties');
  for (const d of duties) {
    const p = plans.get(d.plan_id);
    if (p && inP(d.slot_start) && d.slot_end <= asOf) add('patrols.duties_done', p.agency_id, null, dutiesDone.has(d.id) ? 1 : 0);
  }
  const checkpoints = new Set((await all('checkpoints')).map((c) => c.id));
  for (const c of checkIns) if (c.accepted === 1 && inP(c.client_at) && checkpoints.has(c.checkpoint_id)) add('patrols.check_ins_on_time', c.agency_id, null, c.late === 0 ? 1 : 0);
  const teams = new Map((await all('patrol_teams')).map((x) => [x.id, x]));
  const dutyById = new Map(duties.map((d) => [d.id, d]));
  for (const p of await all('patrols')) if (inP(p.started_at) && teams.has(p.team_id)) add('patrols.joint_share', p.agency_id, null, p.duty_id && dutyById.get(p.duty_id)?.joint === 1 ? 1 : 0);
  for (const h of await all('hazards')) {
    if (!inP(h.deadline_at) || h.rejected_at !== null || !(h.rectified_at !== null || h.deadline_at <= asOf)) continue;
    for (const agency of new Set([h.railway_agency_id, h.local_agency_id])) add('hazards.rectified_on_time', agency, h.rectified_at ? s(h.reported_at, h.rectified_at) / 3600 : null, h.rectified_at !== null && h.rectified_at <= h.deadline_at ? 1 : 0);
  }
  for (const r of await all('public_reports')) {
    const i = byId.get(r.incident_id);
    if (!i || !inP(r.submitted_at) || !real(i)) continue;
    add('public_reports.handling_time', i.lead_agency_id, i.cleared_at ? s(r.submitted_at, i.cleared_at) / 60 : null, null);
  }
  const devices = await all('devices');
  const outages = await all('device_outages');
  for (const d of devices) {
    const start = d.created_at > period.from ? d.created_at : period.from;
    const spanS = s(start, asOf);
    if (d.enabled !== 1 || !(d.created_at < asOf) || !(spanS > 0)) continue;
    let down = 0;
    for (const o of outages) {
      if (o.device_id !== d.id || !(o.from_at < asOf) || !(o.to_at === null || o.to_at > start)) continue;
      const end = (o.to_at ?? asOf) < asOf ? (o.to_at ?? asOf) : asOf;
      down += s(o.from_at > start ? o.from_at : start, end);
    }
    add('devices.availability', d.owner_agency_id, 100 * (1 - down / spanS), null);
  }
  const deviceOwner = new Map(devices.map((d) => [d.id, d.owner_agency_id]));
  for (const x of await all('alarms')) if (inP(x.first_at) && deviceOwner.has(x.device_id)) add('devices.false_alarms', deviceOwner.get(x.device_id)!, null, x.false_at ? 1 : 0);
  for (const g of await all('change_log')) if (inP(g.at)) add('participation.actions', g.actor_agency_id, 1, null);
  for (const p of await all('patrol_points')) {
    const team = p.team_id ? teams.get(p.team_id) : undefined;
    if (team && inP(p.at) && p.hours > 0) add('participation.volunteer_hours', team.agency_id, p.hours, null);
  }
  return out;
}

function compare(table: IndicatorTable, naive: Groups): { compared: number; worst: number; mismatches: string[] } {
  let worst = 0;
  const mismatches: string[] = [];
  for (const v of table.values) {
    const ind = INDICATORS.find((i) => i.id === v.indicatorId)!;
    const want = fold(ind.aggregate, naive.get(v.indicatorId)?.get(v.agencyId));
    const diff = v.value === null || want.value === null ? (v.value === want.value ? 0 : Infinity) : Math.abs(v.value - want.value);
    worst = Math.max(worst, diff);
    // both round to thousandths; floating sums may land either side of a rounding edge
    if (diff > 0.0011 || v.denominator !== want.denominator) mismatches.push(`${v.indicatorId} ${v.agencyId}: engine ${v.value} (${v.numerator}/${v.denominator}), naive ${want.value} (${want.numerator}/${want.denominator})`);
  }
  return { compared: table.values.length, worst, mismatches };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchIndicators({ log: (l) => console.error(l) }), null, 2));
}
