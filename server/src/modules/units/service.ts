import { UNIT_STATUSES, type CreateUnitRequest, type LonLat, type Unit, type UnitStatus } from '@railjoint/contracts';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { EventBus } from '../../platform/bus/event.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, HttpError, notFound, unprocessable, said, fieldError } from '../../platform/http/errors.js';
import { canReadUnit, isCentreOperator, unitScope } from '../../platform/policies.js';
import { UnitIndex } from '../dispatch/unit-index.js';
import { UnitStore, type UnitRow } from './store.js';
import { presentUnit, toDispatchUnit } from './presenter.js';

type NewUnit = z.infer<typeof CreateUnitRequest>;

/**
 * Work another module does inside a unit's status change (its incident moves along with it);
 * what it returns is told to the caller after commit (the other units it moved, for the index).
 */
export type StatusHook = (trx: Kysely<Database>, actor: Actor, unit: UnitRow, status: UnitStatus, at: string) => Promise<UnitRow[]>;

/**
 * Units, their status and positions. Keeps the in-memory index the recommendations search in step:
 * at once for changes made here, and through the bus for changes made by other instances.
 */
export class UnitService {
  readonly store: UnitStore;
  readonly index = new UnitIndex({ refLat: 30 });
  private readonly statusHooks: StatusHook[] = [];

  private constructor(
    private readonly db: Db,
    private readonly outbox: OutboxRelay,
    private readonly agencyExists: (id: string) => Promise<boolean>,
  ) {
    this.store = new UnitStore(db.kysely);
  }

  static async open(db: Db, bus: EventBus, outbox: OutboxRelay, agencyExists: (id: string) => Promise<boolean>): Promise<UnitService> {
    const service = new UnitService(db, outbox, agencyExists);
    for (const row of await service.store.all()) service.index.upsert(toDispatchUnit(row));
    bus.subscribe((e) => {
      if (e.entity === 'unit' && e.payload && typeof e.payload === 'object' && 'unit' in e.payload) {
        service.index.upsert(toDispatchUnit((e.payload as { unit: UnitRow }).unit));
      } else if (e.entity === 'incident' && e.type !== 'incident.created') {
        // Dispatching, releasing and an incident's progress move its units inside the incident's
        // transaction, which tells this instance's index at once (refresh) but no other: each
        // instance hears of the change, or its recommendations would offer a unit another instance
        // has already sent. An event that says which units it moved is applied as it is; any other
        // has the incident's units read again.
        const moved = movedUnits(e.payload);
        if (moved && moved.every((u) => service.index.get(u.id))) {
          for (const u of moved) service.index.upsert({ ...service.index.get(u.id)!, status: u.status });
        } else {
          service.store.assignedTo(e.entityId).then((rows) => service.refresh(rows), () => {});
        }
      }
    });
    return service;
  }

  /** The units the actor may see (policies/units.ts): the list and the item follow one rule. */
  async list(actor: Actor): Promise<Unit[]> {
    const scope = unitScope(actor);
    return (await this.store.list(scope.all ? undefined : scope.agencyId)).map(presentUnit);
  }

  async get(actor: Actor, id: string): Promise<Unit> {
    return presentUnit(await this.visible(actor, id));
  }

  /** For the live channel: may the actor read this unit now. */
  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.visible(actor, id).then(
      () => true,
      (e: unknown) => (e instanceof HttpError && e.status === 404 ? false : Promise.reject(e)),
    );
  }

  private async visible(actor: Actor, id: string): Promise<UnitRow> {
    const row = await this.store.byId(id);
    if (!row) throw notFound('unit');
    const onMyIncident = row.agency_id !== actor.agencyId && (await this.store.worksIncidentOf(id, actor.agencyId));
    if (!canReadUnit(actor, { agencyId: row.agency_id, onMyIncident })) throw notFound('unit');
    return row;
  }

  /** Changing a unit (its position, its status): the unit's own agency, or the centre's operators. */
  private async writable(actor: Actor, id: string): Promise<UnitRow> {
    const row = await this.visible(actor, id);
    if (row.agency_id !== actor.agencyId && !isCentreOperator(actor)) throw forbidden(said('只有警力本单位或协调中心可以修改', 'only the unit or the coordination centre may change it'));
    return row;
  }

  async createMany(actor: Actor, units: NewUnit[]): Promise<number> {
    for (const [i, u] of units.entries()) {
      if (!(await this.agencyExists(u.agencyId))) throw unprocessable('unknown_agency', said(`单位 ${u.agencyId} 不存在`, `agency ${u.agencyId} does not exist`), { fields: [fieldError(units.length > 1 ? `body[${i}].agencyId` : 'body.agencyId', '单位不存在', 'unknown agency')] });
      if (await this.store.byId(u.id)) throw conflict('unit_exists', said(`警力 ${u.id} 已存在`, `unit ${u.id} exists already`));
    }
    const now = nowIso();
    const rows: UnitRow[] = units.map((u) => ({
      id: u.id,
      callsign: u.name,
      agency_id: u.agencyId,
      kind: u.kind,
      capabilities: JSON.stringify(u.capabilities),
      crew: u.crew,
      status: 'available',
      lon: u.position?.[0] ?? null,
      lat: u.position?.[1] ?? null,
      position_at: u.position ? now : null,
      train: u.train ?? null,
      updated_at: now,
    }));
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.store.insertMany(trx, rows);
      await recordChange(trx, actor, 'unit', rows.length === 1 ? rows[0]!.id : `${rows.length} units`, 'create', { ids: rows.map((r) => r.id) });
    });
    for (const r of rows) this.index.upsert(toDispatchUnit(r));
    return rows.length;
  }

  /** A position fix from the unit's mobile client or an AVL feed; the history is kept. */
  async reportPosition(actor: Actor, id: string, position: LonLat, at: string | undefined, source: string): Promise<Unit> {
    const row = await this.writable(actor, id);
    const when = at ? new Date(at).toISOString() : nowIso();
    const updated = await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('unit_positions').values({ unit_id: id, at: when, lon: position[0], lat: position[1], source }).execute();
      // An older fix arriving late is kept in the history but does not move the unit back.
      if (row.position_at && row.position_at > when) return row;
      const next: UnitRow = { ...row, lon: position[0], lat: position[1], position_at: when, updated_at: nowIso() };
      await trx.updateTable('units').set({ lon: next.lon, lat: next.lat, position_at: when, updated_at: next.updated_at }).where('id', '=', id).execute();
      await enqueueEvent(trx, { type: 'unit.position', entity: 'unit', entityId: id, payload: { unit: next } });
      return next;
    });
    this.index.upsert(toDispatchUnit(updated));
    this.outbox.kick();
    return presentUnit(updated);
  }

  /** Another module's work inside every status change (dispatch moves the unit's incident along). */
  onStatus(hook: StatusHook): void {
    this.statusHooks.push(hook);
  }

  async setStatus(actor: Actor, id: string, status: UnitStatus, train: string | null | undefined): Promise<Unit> {
    const row = await this.writable(actor, id);
    const next: UnitRow = { ...row, status, train: train === undefined ? row.train : train, updated_at: nowIso() };
    const moved = await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('units').set({ status: next.status, train: next.train, updated_at: next.updated_at }).where('id', '=', id).execute();
      await recordChange(trx, actor, 'unit', id, 'status', { from: row.status, to: status, train: next.train });
      await enqueueEvent(trx, { type: 'unit.status', entity: 'unit', entityId: id, payload: { unit: next } });
      const others: UnitRow[] = [];
      for (const hook of this.statusHooks) others.push(...(await hook(trx, actor, row, status, next.updated_at)));
      return others;
    });
    this.refresh(moved);
    this.index.upsert(toDispatchUnit(next));
    this.outbox.kick();
    return presentUnit(next);
  }

  /** Reflects a status set inside another module's transaction (dispatch, an incident moving on). */
  refresh(rows: UnitRow[]): void {
    for (const r of rows) this.index.upsert(toDispatchUnit(r));
  }
}

/** The units an incident event says it moved (`payload.units`), when it says so in full. */
function movedUnits(payload: unknown): Array<{ id: string; status: UnitStatus }> | null {
  const units = payload && typeof payload === 'object' ? (payload as { units?: unknown }).units : undefined;
  if (!Array.isArray(units)) return null;
  const ok = units.every((u) => u && typeof u === 'object' && typeof (u as { id?: unknown }).id === 'string' && UNIT_STATUSES.includes((u as { status?: unknown }).status as UnitStatus));
  return ok ? (units as Array<{ id: string; status: UnitStatus }>) : null;
}
