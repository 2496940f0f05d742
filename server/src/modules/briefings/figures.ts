import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { formatMileage, type BriefingFigures, type NotableIncident } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import { byNotability, dayLabel, notableReasons, type Period } from './model.js';

/** How many notable incidents a briefing names; the rest are counted. */
export const NOTABLE_LIMIT = 40;

export interface Names {
  category(id: string): string;
  agency(id: string): string;
}

const n = (v: unknown) => Number(v ?? 0);
const OPEN = ['received', 'dispatched', 'en_route', 'on_scene', 'transferred'];

/**
 * The figures of a period, read with a handful of grouped queries over the incidents and the
 * other modules' tables; nothing is loaded row by row but the notable incidents. Read by the
 * centre for publication: every agency's incidents count.
 */
export async function briefingFigures(db: Kysely<Database>, p: Period, names: Names): Promise<BriefingFigures> {
  const from = new Date(p.fromMs).toISOString();
  const to = new Date(p.toMs).toISOString();
  const received = db.selectFrom('incidents').where('received_at', '>=', from).where('received_at', '<', to);

  const [byCatPrio, byLine, byAgency, byUtcHour, closed, stillOpen, commands, declined, breaches] = await Promise.all([
    received.select(['category_id', 'priority', (eb) => eb.fn.countAll().as('n')]).groupBy(['category_id', 'priority']).execute(),
    received
      .leftJoin('network_lines as l', 'l.id', 'incidents.line_id')
      .select(['incidents.line_id', 'l.name', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['incidents.line_id', 'l.name'])
      .execute(),
    received.select(['lead_agency_id', (eb) => eb.fn.countAll().as('n')]).groupBy('lead_agency_id').execute(),
    // ISO text: characters 12–13 are the UTC hour on both engines; Beijing's follows from it
    received.select([sql<string>`substr(received_at, 12, 2)`.as('h'), (eb) => eb.fn.countAll().as('n')]).groupBy(sql`substr(received_at, 12, 2)`).execute(),
    db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).where('closed_at', '>=', from).where('closed_at', '<', to).executeTakeFirstOrThrow(),
    received.select((eb) => eb.fn.countAll().as('n')).where('status', 'in', OPEN).executeTakeFirstOrThrow(),
    db.selectFrom('commands').select((eb) => eb.fn.countAll().as('n')).where('opened_at', '>=', from).where('opened_at', '<', to).executeTakeFirstOrThrow(),
    db.selectFrom('transfers').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'declined').where('answered_at', '>=', from).where('answered_at', '<', to).executeTakeFirstOrThrow(),
    db.selectFrom('incident_timeline').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'limit_breached').where('at', '>=', from).where('at', '<', to).executeTakeFirstOrThrow(),
  ]);

  const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0 };
  const cats = new Map<string, number>();
  for (const r of byCatPrio) {
    if (r.priority in byPriority) byPriority[r.priority as keyof typeof byPriority] += n(r.n);
    cats.set(r.category_id, (cats.get(r.category_id) ?? 0) + n(r.n));
  }
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const r of byUtcHour) byHour[(Number(r.h) + 8) % 24]! += n(r.n);

  const notable = await notableIncidents(db, from, to, names);
  const modules = await moduleFigures(db, p, from, to);
  return {
    totals: {
      received: byCatPrio.reduce((s, r) => s + n(r.n), 0),
      closed: n(closed.n),
      stillOpen: n(stillOpen.n),
      byPriority,
      jointCommands: n(commands.n),
      transfersDeclined: n(declined.n),
      limitBreaches: n(breaches.n),
    },
    byCategory: [...cats].map(([id, c]) => ({ id, name: names.category(id), count: c })).sort(desc),
    byLine: byLine.map((r) => ({ id: r.line_id ?? '', name: r.name ?? (r.line_id ? r.line_id : '站车及其他'), count: n(r.n) })).sort(desc),
    byAgency: byAgency.map((r) => ({ id: r.lead_agency_id ?? '', name: r.lead_agency_id ? names.agency(r.lead_agency_id) : '协调中心', count: n(r.n) })).sort(desc),
    byHour,
    notable: notable.list,
    notableMore: notable.more,
    modules,
  };
}

const desc = (a: { count: number; name: string }, b: { count: number; name: string }) => b.count - a.count || a.name.localeCompare(b.name);

async function notableIncidents(db: Kysely<Database>, from: string, to: string, names: Names): Promise<{ list: NotableIncident[]; more: number }> {
  type Eb = ExpressionBuilder<Database & { i: Database['incidents'] }, 'i'>;
  const command = (eb: Eb) => eb.exists(eb.selectFrom('commands as c').select('c.id').whereRef('c.incident_id', '=', 'i.id'));
  const declined = (eb: Eb) => eb.exists(eb.selectFrom('transfers as t').select('t.id').whereRef('t.incident_id', '=', 'i.id').where('t.status', '=', 'declined'));
  const breached = (eb: Eb) => eb.exists(eb.selectFrom('incident_timeline as tl').select('tl.id').whereRef('tl.incident_id', '=', 'i.id').where('tl.action', '=', 'limit_breached'));
  const notable = db
    .selectFrom('incidents as i')
    .where('i.received_at', '>=', from)
    .where('i.received_at', '<', to)
    .where((eb) => eb.or([eb('i.priority', 'in', ['P1', 'P2']), command(eb), declined(eb), breached(eb)]));
  // a busy day has thousands: the most serious are chosen in SQL (the order of byNotability), the rest counted
  const [total, rows] = await Promise.all([
    notable.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    notable
      .leftJoin('network_lines as l', 'l.id', 'i.line_id')
      .leftJoin('network_stations as s', 's.id', 'i.station_id')
      .select(['i.id', 'i.code', 'i.priority', 'i.category_id', 'i.received_at', 'i.status', 'i.lead_agency_id', 'i.metres', 'i.train', 'l.name as line_name', 's.name as station_name'])
      .select((eb) => [command(eb).as('command'), declined(eb).as('declined'), breached(eb).as('breached')])
      .orderBy((eb) => eb.case().when('i.priority', '=', 'P1').then(0).when(command(eb)).then(1).when(breached(eb)).then(2).when(declined(eb)).then(3).else(4).end())
      .orderBy('i.received_at')
      .limit(NOTABLE_LIMIT)
      .execute(),
  ]);
  const all = rows
    .map((r) => ({
      incidentId: r.id,
      code: r.code,
      priority: r.priority,
      category: names.category(r.category_id),
      place: placeText(r),
      receivedAt: r.received_at,
      status: r.status,
      leadAgency: r.lead_agency_id ? names.agency(r.lead_agency_id) : null,
      // SQLite answers EXISTS with 0/1, PostgreSQL with booleans
      reasons: notableReasons({ priority: r.priority, command: !!Number(r.command), declined: !!Number(r.declined), breached: !!Number(r.breached) }),
    }))
    .sort(byNotability);
  return { list: all, more: Math.max(0, n(total.n) - all.length) };
}

export function placeText(r: { line_name: string | null; metres: number | null; station_name: string | null; train: string | null }): string {
  const parts: string[] = [];
  if (r.line_name) parts.push(r.metres !== null ? `${r.line_name} ${formatMileage(r.metres)}` : r.line_name);
  if (r.station_name) parts.push(r.station_name);
  if (r.train) parts.push(`${r.train}次`);
  return parts.join(' · ') || '—';
}

async function moduleFigures(db: Kysely<Database>, p: Period, from: string, to: string): Promise<BriefingFigures['modules']> {
  const one = async (q: Promise<{ n: unknown } | undefined>) => n((await q)?.n);
  const lastDay = dayLabel(p.toMs - 1);
  const [reported, closed, overdue, raised, falseAlarms, duties, finished, reports] = await Promise.all([
    one(db.selectFrom('hazards').select((eb) => eb.fn.countAll().as('n')).where('reported_at', '>=', from).where('reported_at', '<', to).executeTakeFirst()),
    one(db.selectFrom('hazards').select((eb) => eb.fn.countAll().as('n')).where('closed_at', '>=', from).where('closed_at', '<', to).executeTakeFirst()),
    // overdue at the period's end: due before it and not closed (or rejected) by then
    one(
      db
        .selectFrom('hazards')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('deadline_at', '<', to)
        .where('reported_at', '<', to)
        .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', to)]))
        .where((eb) => eb.or([eb('rejected_at', 'is', null), eb('rejected_at', '>=', to)]))
        .executeTakeFirst(),
    ),
    one(db.selectFrom('alarms').select((eb) => eb.fn.countAll().as('n')).where('first_at', '>=', from).where('first_at', '<', to).executeTakeFirst()),
    one(db.selectFrom('alarms').select((eb) => eb.fn.countAll().as('n')).where('false_at', '>=', from).where('false_at', '<', to).executeTakeFirst()),
    one(db.selectFrom('patrol_duties').select((eb) => eb.fn.countAll().as('n')).where('date', '>=', dayLabel(p.fromMs)).where('date', '<=', lastDay).executeTakeFirst()),
    one(db.selectFrom('patrols').select((eb) => eb.fn.countAll().as('n')).where('finished_at', '>=', from).where('finished_at', '<', to).executeTakeFirst()),
    one(db.selectFrom('public_reports').select((eb) => eb.fn.countAll().as('n')).where('submitted_at', '>=', from).where('submitted_at', '<', to).executeTakeFirst()),
  ]);
  return { hazards: { reported, closed, overdue }, alarms: { raised, falseAlarms }, patrols: { duties, patrolsFinished: finished }, publicReports: { received: reports } };
}
