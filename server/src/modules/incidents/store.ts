import { nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { Database, IncidentsTable, IncidentTimelineTable } from '../../platform/db/schema.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type TimelineRow = Selectable<IncidentTimelineTable>;

const DUPLICATE_COLUMNS = ['id', 'code', 'status', 'category_id', 'lon', 'lat', 'line_id', 'metres', 'occurred_at', 'received_at'] as const;
/** What the duplicate rule reads of a candidate. */
export type DuplicateRow = Pick<IncidentRow, (typeof DUPLICATE_COLUMNS)[number]>;

export interface IncidentFilter {
  /** when set, only incidents in which this agency has a part; null: none at all */
  agencyId?: string | null;
  /** incidents in which this agency has any part (a filter the user chooses, not an access rule) */
  involving?: string;
  status?: string[];
  category?: string;
  code?: string;
  /** keyed hash of a caller's phone (repeat callers) */
  reporterPhoneKey?: string;
  priority?: string[];
  lineId?: string;
  fromMetres?: number;
  toMetres?: number;
  receivedFrom?: string;
  receivedTo?: string;
  /** keyset paging: incidents received before this one */
  before?: { receivedAt: string; id: string };
  limit: number;
}

/** Queries for incidents, their agencies and timelines; access filters are applied in SQL. */
export class IncidentStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** agencyId: undefined for every incident, null for none (a reader without a case role), else what the agency may read */
  private visible(agencyId: string | null | undefined) {
    let q = this.db.selectFrom('incidents').selectAll('incidents');
    if (agencyId === null) return q.where(sql<boolean>`1 = 0`);
    if (agencyId !== undefined) {
      const now = nowIso();
      q = q.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('incident_agencies')
              .select('incident_agencies.incident_id')
              .whereRef('incident_agencies.incident_id', '=', 'incidents.id')
              .where('incident_agencies.agency_id', '=', agencyId),
          ),
          // a data-sharing agreement from the lead agency covering incidents lets the agency read them
          eb.exists(
            eb
              .selectFrom('sharing_agreements as sa')
              .select('sa.id')
              .whereRef('sa.from_agency_id', '=', 'incidents.lead_agency_id')
              .where('sa.to_agency_id', '=', agencyId)
              .where('sa.kinds', 'like', '%,incident,%')
              .where('sa.max_rank', '>=', 1)
              .where((w) => w.or([w('sa.valid_from', 'is', null), w('sa.valid_from', '<=', now)]))
              .where((w) => w.or([w('sa.valid_until', 'is', null), w('sa.valid_until', '>=', now)])),
          ),
        ]),
      );
    }
    return q;
  }

  byId(id: string, agencyId?: string | null): Promise<IncidentRow | undefined> {
    return this.visible(agencyId).where('incidents.id', '=', id).executeTakeFirst();
  }

  /**
   * The incident if the scope may see it, with every agency's part in it: one statement where a
   * read and then its parts took two (an incident has a few parts, so the row repeats a few times).
   */
  async withParts(id: string, agencyId?: string | null): Promise<{ row: IncidentRow; parts: Array<{ agency_id: string; role: string }> } | undefined> {
    const rows = await this.visible(agencyId)
      .leftJoin('incident_agencies as part', 'part.incident_id', 'incidents.id')
      .select(['part.agency_id as part_agency_id', 'part.role as part_role'])
      .where('incidents.id', '=', id)
      .execute();
    const first = rows[0];
    if (!first) return undefined;
    const { part_agency_id: _a, part_role: _r, ...row } = first;
    const parts = rows.flatMap((r) => (r.part_agency_id !== null && r.part_role !== null ? [{ agency_id: r.part_agency_id, role: r.part_role }] : []));
    return { row, parts };
  }

  /** Of these incidents, those the scope may see, with what a reference to one shows. */
  async visibleRefs(ids: readonly string[], agencyId: string | null | undefined): Promise<Map<string, { id: string; code: string; status: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.visible(agencyId).clearSelect().select(['incidents.id', 'incidents.code', 'incidents.status']).where('incidents.id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  byExternalRef(trx: Kysely<Database>, channel: string, externalRef: string): Promise<IncidentRow | undefined> {
    return trx.selectFrom('incidents').selectAll().where('channel', '=', channel).where('external_ref', '=', externalRef).executeTakeFirst();
  }

  list(f: IncidentFilter): Promise<IncidentRow[]> {
    let q = this.visible(f.agencyId);
    if (f.involving) {
      const involving = f.involving;
      q = q.where((eb) => eb.exists(eb.selectFrom('incident_agencies as ia').select('ia.incident_id').whereRef('ia.incident_id', '=', 'incidents.id').where('ia.agency_id', '=', involving)));
    }
    if (f.status?.length) q = q.where('incidents.status', 'in', f.status);
    if (f.priority?.length) q = q.where('incidents.priority', 'in', f.priority);
    if (f.category) q = q.where('incidents.category_id', '=', f.category);
    if (f.code) q = q.where('incidents.code', '=', f.code);
    if (f.reporterPhoneKey) q = q.where('incidents.reporter_phone_key', '=', f.reporterPhoneKey);
    if (f.lineId) q = q.where('incidents.line_id', '=', f.lineId);
    if (f.fromMetres !== undefined) q = q.where('incidents.metres', '>=', f.fromMetres);
    if (f.toMetres !== undefined) q = q.where('incidents.metres', '<=', f.toMetres);
    if (f.receivedFrom) q = q.where('incidents.received_at', '>=', f.receivedFrom);
    if (f.receivedTo) q = q.where('incidents.received_at', '<', f.receivedTo);
    if (f.before) {
      const b = f.before;
      q = q.where((eb) => eb.or([eb('incidents.received_at', '<', b.receivedAt), eb.and([eb('incidents.received_at', '=', b.receivedAt), eb('incidents.id', '<', b.id)])]));
    }
    return q.orderBy('incidents.received_at', 'desc').orderBy('incidents.id', 'desc').limit(f.limit).execute();
  }

  /** Open incidents of a category received since a time: candidates for duplicate detection. */
  async openOfCategory(trx: Kysely<Database>, category: string, since: string, near?: { lon: number; lat: number; dLon: number; dLat: number; lineId: string | null; metres: number | null; dM: number }): Promise<DuplicateRow[]> {
    // only what the duplicate rule and its answer read: a busy place has dozens of candidates,
    // and their whole rows (the resolution, the reasons) were most of what a creation read
    const open = () => trx.selectFrom('incidents').select(DUPLICATE_COLUMNS).where('category_id', '=', category).where('status', 'not in', ['closed', 'cancelled', 'merged']).where('received_at', '>=', since);
    if (!near) return open().execute();
    // Only what can be near: within the box around the point, or within the distance along the
    // same line by mileage (the duplicate rule measures both ways). Two ranges, each answered by
    // an index led by the category (025-incidents-nearby), so a busy line does not cost a scan.
    const box = open().where('lat', '>=', near.lat - near.dLat).where('lat', '<=', near.lat + near.dLat).where('lon', '>=', near.lon - near.dLon).where('lon', '<=', near.lon + near.dLon);
    const { lineId, metres } = near;
    const rows = lineId && metres !== null ? await box.unionAll(open().where('line_id', '=', lineId).where('metres', '>=', metres - near.dM).where('metres', '<=', metres + near.dM)).execute() : await box.execute();
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
  }

  /** Of these incidents, those the reader's scope may see (see `visible`). */
  async visibleIds(ids: readonly string[], agencyId: string | null | undefined): Promise<Set<string>> {
    return new Set((await this.visibleRefs(ids, agencyId)).keys());
  }

  agencies(incidentId: string): Promise<Array<{ agency_id: string; role: string }>> {
    return this.db.selectFrom('incident_agencies').select(['agency_id', 'role']).where('incident_id', '=', incidentId).execute();
  }

  /** The timeline with each actor's display name joined, where names were a second query. */
  async timelineNamed(incidentId: string): Promise<{ entries: TimelineRow[]; names: Map<string, string> }> {
    const rows = await this.db
      .selectFrom('incident_timeline')
      .leftJoin('users', 'users.id', 'incident_timeline.actor_user_id')
      .selectAll('incident_timeline')
      .select('users.display_name as actor_display_name')
      .where('incident_timeline.incident_id', '=', incidentId)
      .orderBy('incident_timeline.id')
      .execute();
    const names = new Map<string, string>();
    const entries = rows.map(({ actor_display_name, ...entry }) => {
      if (actor_display_name !== null && entry.actor_user_id) names.set(entry.actor_user_id, actor_display_name);
      return entry;
    });
    return { entries, names };
  }

  /** The next number of a daily series (JQ-20261129-0001), atomically on both engines. */
  nextNumber(trx: Kysely<Database>, key: string): Promise<number> {
    return nextNumber(trx, key);
  }

  /**
   * Numbers a new incident (JQ20261129-0001), as late in its transaction as possible: the day's
   * counter is one row that every creation locks until it commits, so the less comes after it, the
   * more creations commit per second. On PostgreSQL the count and the number are one statement.
   */
  async assignCode(trx: Kysely<Database>, id: string, day: string): Promise<string> {
    const key = `incident:${day}`;
    const prefix = `JQ${day}-`;
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      const numbered = await sql<{ code: string }>`
        with n as (insert into counters (key, value) values (${key}, 1) on conflict (key) do update set value = counters.value + 1 returning value)
        update incidents set code = ${prefix} || case when n.value < 10000 then lpad(n.value::text, 4, '0') else n.value::text end
        from n where incidents.id = ${id} returning incidents.code`.execute(trx);
      return numbered.rows[0]!.code;
    }
    const code = `${prefix}${String(await nextNumber(trx, key)).padStart(4, '0')}`;
    await trx.updateTable('incidents').set({ code }).where('id', '=', id).execute();
    return code;
  }
}
