import type { Kysely, Selectable } from 'kysely';
import type { Database, UnitsTable } from '../../platform/db/schema.js';

export type UnitRow = Selectable<UnitsTable>;

/** An assignment that still has the unit at work. */
const ACTIVE_ASSIGNMENT = ['assigned', 'acknowledged'];

/** Queries for units and their position history. */
export class UnitStore {
  constructor(private readonly db: Kysely<Database>) {}

  all(): Promise<UnitRow[]> {
    return this.db.selectFrom('units').selectAll().orderBy('id').execute();
  }

  /**
   * Every unit, or an agency's own units plus the units working on incidents it has a part in
   * (so a county liaison sees the railway car sent to the same case).
   */
  list(agencyId?: string | null): Promise<UnitRow[]> {
    let q = this.db.selectFrom('units').selectAll('units').orderBy('callsign');
    if (agencyId === null) return Promise.resolve([]);
    if (agencyId) {
      q = q.where((eb) =>
        eb.or([
          eb('units.agency_id', '=', agencyId),
          eb(
            'units.id',
            'in',
            eb
              .selectFrom('assignments')
              .innerJoin('incident_agencies', 'incident_agencies.incident_id', 'assignments.incident_id')
              .select('assignments.unit_id')
              .where('incident_agencies.agency_id', '=', agencyId)
              .where('assignments.status', 'in', ACTIVE_ASSIGNMENT),
          ),
        ]),
      );
    }
    return q.execute();
  }

  /** Is the unit assigned to an open job on an incident this agency has a part in. */
  /** The units ever sent to an incident (their rows as they are now). */
  assignedTo(incidentId: string): Promise<UnitRow[]> {
    return this.db.selectFrom('units').selectAll().where('id', 'in', (eb) => eb.selectFrom('assignments').select('assignments.unit_id').where('assignments.incident_id', '=', incidentId)).execute();
  }

  async worksIncidentOf(unitId: string, agencyId: string): Promise<boolean> {
    const hit = await this.db
      .selectFrom('assignments')
      .innerJoin('incident_agencies', 'incident_agencies.incident_id', 'assignments.incident_id')
      .select('assignments.unit_id')
      .where('assignments.unit_id', '=', unitId)
      .where('incident_agencies.agency_id', '=', agencyId)
      .where('assignments.status', 'in', ACTIVE_ASSIGNMENT)
      .executeTakeFirst();
    return hit !== undefined;
  }

  byId(id: string, trx: Kysely<Database> = this.db): Promise<UnitRow | undefined> {
    return trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Several units in one read, by id (those that exist). */
  async byIds(ids: readonly string[]): Promise<Map<string, UnitRow>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('units').selectAll().where('id', 'in', [...ids]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async insertMany(trx: Kysely<Database>, rows: UnitRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('units').values(rows.slice(i, i + 200)).execute();
  }

  positions(unitId: string, limit: number) {
    return this.db.selectFrom('unit_positions').selectAll().where('unit_id', '=', unitId).orderBy('id', 'desc').limit(limit).execute();
  }
}
