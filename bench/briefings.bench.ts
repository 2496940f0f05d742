import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import type { Actor } from '../server/src/platform/auth/actor.js';
import { createRng } from '../server/src/demo/prng.js';
import { briefingFigures } from '../server/src/modules/briefings/figures.js';
import { briefingHtml, chartSvgs } from '../server/src/modules/briefings/document.js';
import { briefingPdf } from '../server/src/modules/briefings/pdf.js';
import { briefingCode, periodOf } from '../server/src/modules/briefings/model.js';
import { fmt, type BenchRow } from './report.js';

const DEMO_PASSWORD = 'bench-demo-password';
const DAY = '2026-12-01';
// the morning after: the day is over and can be briefed
const CLOCK = '2026-12-02T08:30:00+08:00';

/**
 * The daily briefing of a day with many incidents: the whole generation (figures, the charts
 * rendered by ECharts on the server, HTML, PDF with the charts as vectors, the bulletin with both
 * files in one transaction) against its grouped SQL queries alone, measured in the same run — the
 * ratio is what charts and PDF add to reading the figures.
 */
export async function benchBriefings(opts: { log: (line: string) => void; incidents?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const n = opts.incidents ?? 20_000;
  const rows: BenchRow[] = [];
  const row = (name: string, value: string) => {
    rows.push({ name, value });
    log(`briefings: ${name}: ${value}`);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-briefings-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, RAILJOINT_DATA_KEY_FILE: path.join(dir, 'bench.keys'), RAILJOINT_ADMIN_PASSWORD: 'bench-admin-password', RAILJOINT_DEMO: '1', RAILJOINT_MFA_ROLES: '', LOG_LEVEL: 'silent', RAILJOINT_CLOCK_START: CLOCK, RAILJOINT_BRIEFING_KINDS: 'none' });
  const a = await createApp({ ...config, webDist: null }, { demoPassword: DEMO_PASSWORD });
  try {
    const actor = await signIn(a, 'lz.commander');
    const p = periodOf('daily', DAY);
    let t = performance.now();
    const made = await seed(a, actor, n, p);
    row('data', `${fmt(n)} incidents on ${DAY} (${fmt(made.notable)} P1/P2, ${fmt(made.breaches)} past their limit, ${fmt(made.declined)} transfers declined), demo department; seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const org = a.services.organisation;
    const names = { category: (id: string) => org.categories().find((c) => c.id === id)?.nameZh ?? id, agency: (id: string) => org.agencyName(id) };
    const figures = await briefingFigures(a.db.kysely, p, names); // warm
    if (figures.totals.received !== n) throw new Error(`briefings: counted ${figures.totals.received} incidents, seeded ${n}`);
    const sql: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await briefingFigures(a.db.kysely, p, names);
      sql.push(performance.now() - t);
    }
    const render: number[] = [];
    let pdfBytes = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const charts = await chartSvgs(figures);
      const doc = { title: 'bench', code: briefingCode(p), department: '柳州处', period: p, generatedAt: new Date().toISOString(), figures };
      briefingHtml(doc, charts);
      pdfBytes = (await briefingPdf(doc, charts)).length;
      render.push(performance.now() - t);
    }
    const wholeRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      // once per kind and period: the last run's row goes so the same day can be made again (its bulletin stays)
      await a.db.kysely.deleteFrom('briefings').execute();
      t = performance.now();
      await a.services.briefings.briefings.make(actor, p, actor.username);
      wholeRuns.push(performance.now() - t);
    }
    const whole = median(wholeRuns);
    const sqlMs = median(sql);
    row('the figures alone: grouped SQL over the day (median of 5)', `${fmt(sqlMs, 1)} ms`);
    row('charts (4, ECharts to SVG on the server), HTML and PDF from those figures (median of 5)', `${fmt(median(render), 1)} ms (PDF ${fmt(pdfBytes / 1024)} KB)`);
    row('the whole daily briefing: figures, charts, HTML, PDF, published as a bulletin with both files (median of 3)', `${fmt(whole, 1)} ms — ${fmt(whole / sqlMs, 1)}× the figures alone`);
  } finally {
    await a.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

/** A day's incidents cloned from one made through the service, across categories, lines and hours; some breached, some declined. */
async function seed(a: App, actor: Actor, n: number, p: { fromMs: number; toMs: number }) {
  const db = a.db.kysely;
  const rng = createRng(36);
  const org = a.services.organisation;
  const cats = org.categories();
  const lines = (await db.selectFrom('network_lines').select('id').execute()).map((l) => l.id);
  const leads = org.agencies().filter((x) => x.type !== 'coordination_centre').slice(0, 30).map((x) => x.id);
  const { incident } = await a.services.incidents.create(actor, { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '旅客报称列车车窗被石块击中' }, 'bench');
  const template = await db.selectFrom('incidents').selectAll().where('id', '=', incident.id).executeTakeFirstOrThrow();
  // the template itself came in "now" (the morning after): keep it out of the day
  await db.updateTable('incidents').set({ received_at: new Date(p.toMs + 3_600_000).toISOString() }).where('id', '=', incident.id).execute();
  let notable = 0;
  let breaches = 0;
  let declined = 0;
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const cat = cats[Math.floor(rng.next() * cats.length)]!;
      const received = new Date(p.fromMs + Math.floor(rng.next() * (p.toMs - p.fromMs))).toISOString();
      if (cat.basePriority === 'P1' || cat.basePriority === 'P2') notable++;
      return { ...template, id: crypto.randomUUID(), code: `BENCH-${i + k}`, external_ref: null, category_id: cat.id, priority: cat.basePriority, line_id: lines[Math.floor(rng.next() * lines.length)] ?? null, lead_agency_id: leads[Math.floor(rng.next() * leads.length)]!, received_at: received, occurred_at: received, status: rng.next() < 0.7 ? 'closed' : 'dispatched', closed_at: null };
    });
    await db.transaction().execute(async (trx) => {
      for (let j = 0; j < batch.length; j += 50) await trx.insertInto('incidents').values(batch.slice(j, j + 50)).execute();
      const late = batch.filter(() => rng.next() < 0.03);
      breaches += late.length;
      if (late.length) await trx.insertInto('incident_timeline').values(late.map((x) => ({ incident_id: x.id, at: x.received_at, actor_user_id: 'system', actor_name: 'RailJoint', actor_agency_id: 'system', action: 'limit_breached', from_status: null, to_status: null, detail: '{}', client: null }))).execute();
      const refused = batch.filter(() => rng.next() < 0.01);
      declined += refused.length;
      if (refused.length) await trx.insertInto('transfers').values(refused.map((x) => ({ id: crypto.randomUUID(), incident_id: x.id, from_agency_id: null, to_agency_id: leads[0]!, reason: '辖区', status: 'declined', sent_at: x.received_at, sent_by: actor.userId, deadline: x.received_at, answered_at: x.received_at, answered_by: null, answer_reason: '不属本辖区' }))).execute();
    });
  }
  return { notable, breaches, declined };
}

async function signIn(a: App, username: string): Promise<Actor> {
  const r = await a.services.users.login(username, DEMO_PASSWORD);
  if (!('token' in r)) throw new Error(`${username} was asked for a second factor`);
  return (await a.services.users.actorForToken(r.token))!;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchBriefings({ log: (l) => console.error(l) }), null, 2));
}
