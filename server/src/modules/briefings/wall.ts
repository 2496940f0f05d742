import { sql, type Kysely } from 'kysely';
import type { WallIncident, WallSummary } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/policies/actions.js';
import { now } from '../../platform/clock.js';
import { placeText, type Names } from './figures.js';
import { periodAt } from './model.js';

const OPEN = ['received', 'dispatched', 'en_route', 'on_scene', 'transferred'];
/** not yet reached: what a time limit is about */
const NOT_REACHED = ['received', 'dispatched', 'en_route', 'transferred'];
const n = (v: unknown) => Number(v ?? 0);

/**
 * The big screen's figures: today (the Beijing day by the platform clock) in a few grouped
 * queries, what is open now, the joint commands, the limits breached and the open P1s. The
 * centre's view: it reads every incident.
 */
export class WallService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly namesIn: (lang: 'zh-CN' | 'en') => Names,
  ) {}

  async summary(actor: Actor, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<WallSummary> {
    authorize(actor, 'wall.read');
    const names = this.namesIn(lang);
    const at = now();
    const day = periodAt('daily', at);
    const from = new Date(day.fromMs).toISOString();
    const to = new Date(day.toMs).toISOString();
    const today = this.db.selectFrom('incidents').where('received_at', '>=', from).where('received_at', '<', to);
    const [byCatPrio, byLine, byUtcHour, open, closed, commands, members, breaches, p1] = await Promise.all([
      today.select(['category_id', 'priority', (eb) => eb.fn.countAll().as('n')]).groupBy(['category_id', 'priority']).execute(),
      today.leftJoin('network_lines as l', 'l.id', 'incidents.line_id').select(['incidents.line_id', 'l.name', (eb) => eb.fn.countAll().as('n')]).groupBy(['incidents.line_id', 'l.name']).execute(),
      today.select([sql<string>`substr(received_at, 12, 2)`.as('h'), (eb) => eb.fn.countAll().as('n')]).groupBy(sql`substr(received_at, 12, 2)`).execute(),
      this.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', OPEN).executeTakeFirstOrThrow(),
      this.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).where('closed_at', '>=', from).where('closed_at', '<', to).executeTakeFirstOrThrow(),
      this.db.selectFrom('commands as c').innerJoin('incidents as i', 'i.id', 'c.incident_id').select(['c.id', 'c.name', 'c.opened_at', 'i.id as incident_id', 'i.code', 'i.response_level']).where('c.status', '=', 'open').orderBy('c.opened_at', 'desc').limit(12).execute(),
      this.db.selectFrom('command_members as m').innerJoin('commands as c', 'c.id', 'm.command_id').select(['m.command_id', 'm.agency_id']).where('c.status', '=', 'open').execute(),
      this.incidents()
        .select(['i.time_limit_s'])
        .where('i.status', 'in', NOT_REACHED)
        .where('i.on_scene_at', 'is', null)
        .where((eb) => eb.exists(eb.selectFrom('incident_timeline as tl').select('tl.id').whereRef('tl.incident_id', '=', 'i.id').where('tl.action', '=', 'limit_breached')))
        .orderBy('i.received_at')
        .limit(20)
        .execute(),
      this.incidents().where('i.status', 'in', OPEN).where('i.priority', '=', 'P1').orderBy('i.received_at', 'desc').limit(10).execute(),
    ]);
    const byPriority = { P1: 0, P2: 0, P3: 0, P4: 0 };
    const cats = new Map<string, number>();
    for (const r of byCatPrio) {
      if (r.priority in byPriority) byPriority[r.priority as keyof typeof byPriority] += n(r.n);
      cats.set(r.category_id, (cats.get(r.category_id) ?? 0) + n(r.n));
    }
    const byHour = Array.from({ length: 24 }, () => 0);
    for (const r of byUtcHour) byHour[(Number(r.h) + 8) % 24]! += n(r.n);
    const desc = (a: { count: number; name: string }, b: { count: number; name: string }) => b.count - a.count || a.name.localeCompare(b.name);
    return {
      now: new Date(at).toISOString(),
      day: day.period,
      counts: { received: byCatPrio.reduce((s, r) => s + n(r.n), 0), open: n(open.n), closed: n(closed.n), byPriority },
      byHour,
      byCategory: [...cats].map(([id, c]) => ({ id, name: names.category(id), count: c })).sort(desc),
      byLine: byLine.map((r) => ({ id: r.line_id ?? '', name: r.name ?? (lang === 'en' ? 'stations and trains' : '站车及其他'), count: n(r.n) })).sort(desc),
      commands: commands.map((c) => ({ id: c.id, name: c.name, incidentId: c.incident_id, incidentCode: c.code, openedAt: c.opened_at, level: c.response_level, members: members.filter((m) => m.command_id === c.id).map((m) => names.agency(m.agency_id)) })),
      breaches: breaches.map((r) => ({ ...this.present(r, names), limitS: r.time_limit_s, overS: Math.max(0, Math.round((at - Date.parse(r.received_at)) / 1000) - r.time_limit_s) })),
      p1: p1.map((r) => this.present(r, names)),
    };
  }

  private incidents() {
    return this.db
      .selectFrom('incidents as i')
      .leftJoin('network_lines as l', 'l.id', 'i.line_id')
      .leftJoin('network_stations as s', 's.id', 'i.station_id')
      .select(['i.id', 'i.code', 'i.priority', 'i.category_id', 'i.status', 'i.received_at', 'i.lead_agency_id', 'i.metres', 'i.train', 'l.name as line_name', 's.name as station_name']);
  }

  private present(r: { id: string; code: string; priority: string; category_id: string; status: string; received_at: string; lead_agency_id: string | null; metres: number | null; train: string | null; line_name: string | null; station_name: string | null }, names: Names): WallIncident {
    return { id: r.id, code: r.code, priority: r.priority, category: names.category(r.category_id), place: placeText(r), status: r.status, receivedAt: r.received_at, leadAgency: r.lead_agency_id ? names.agency(r.lead_agency_id) : null };
  }
}
