import crypto from 'node:crypto';
import type { MaintenanceWindow, MaintenanceWindowInput } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, notFound, validationError, said, fieldError, saidOf } from '../../platform/http/errors.js';
import { canDeclareWindow, canReadWindow, windowScope } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { WindowView } from '../alarms/context.js';
import type { MaintenanceWindowsTable } from './tables.js';

const SAMPLE_M = 1000;

/**
 * Maintenance windows (天窗): when and where a crew is legitimately on the line. Alarms in a
 * window's stretch and hours are annotated as authorised work and not escalated. Ingest reads the
 * current windows from a copy in memory, refreshed on change and every few seconds.
 */
export class MaintenanceService {
  private cached: { at: number; windows: WindowView[] } | null = null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
    private readonly ttlMs = 5000,
  ) {}

  /** Windows that are open or will open within a day, and those ended within a day (late events). */
  async current(): Promise<WindowView[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.windows;
    const t = now();
    const rows = await this.db.kysely.selectFrom('maintenance_windows').selectAll().where('end_at', '>=', new Date(t - 86_400_000).toISOString()).where('start_at', '<=', new Date(t + 86_400_000).toISOString()).where('cancelled_at', 'is', null).execute();
    const windows = rows.map((r) => ({ id: r.id, lineId: r.line_id, fromM: r.from_m, toM: r.to_m, startMs: Date.parse(r.start_at), endMs: Date.parse(r.end_at), crew: r.crew, cancelled: false }));
    this.cached = { at: Date.now(), windows };
    return windows;
  }

  async create(actor: Actor, input: MaintenanceWindowInput): Promise<MaintenanceWindow> {
    if (!this.org.findAgency(input.agencyId)) throw validationError([fieldError('body.agencyId', `单位「${input.agencyId}」不存在`, `unknown agency "${input.agencyId}"`)]);
    if (!canDeclareWindow(actor, input.agencyId)) throw forbidden(said('天窗由作业单位人员或协调中心申报', 'maintenance windows are declared by the working agency’s people or the centre'));
    const model = this.network.current();
    const line = model.line(input.lineId);
    if (!line) throw validationError([fieldError('body.lineId', `线路「${input.lineId}」不存在`, `unknown line "${input.lineId}"`)]);
    const measure = (text: string, field: string) => {
      try {
        return model.position(input.lineId, text).candidates[0]!.measureM;
      } catch (e) {
        throw validationError([{ field: `body.${field}`, message: saidOf(e) }]);
      }
    };
    const a = measure(input.from, 'from');
    const b = measure(input.to, 'to');
    const fromM = Math.min(a, b);
    const toM = Math.max(a, b);
    const agencies = new Set<string>();
    for (let m = fromM; ; m = Math.min(toM, m + SAMPLE_M)) {
      const [lon, lat] = line.ref.pointAt(m);
      try {
        for (const j of this.org.resolve({ lon, lat, lineId: line.id }).jurisdiction) agencies.add(j.agencyId);
      } catch {
        // a place the organisation cannot resolve adds no readers
      }
      if (m >= toM) break;
    }
    const row: MaintenanceWindowsTable = {
      id: crypto.randomUUID(),
      line_id: input.lineId,
      from_mileage: input.from,
      to_mileage: input.to,
      from_m: fromM,
      to_m: toM,
      start_at: new Date(input.start).toISOString(),
      end_at: new Date(input.end).toISOString(),
      crew: input.crew,
      agency_id: input.agencyId,
      declarer_agency_id: actor.agencyId,
      note: input.note ?? null,
      created_by: actor.username,
      created_at: nowIso(),
      cancelled_at: null,
      cancel_reason: null,
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('maintenance_windows').values(row).execute();
      if (agencies.size) await trx.insertInto('maintenance_window_agencies').values([...agencies].map((agency_id) => ({ window_id: row.id, agency_id }))).execute();
      await recordChange(trx, actor, 'maintenance_window', row.id, 'declare', { line: row.line_id, from: row.from_mileage, to: row.to_mileage, start: row.start_at, end: row.end_at, crew: row.crew });
      await enqueueEvent(trx, { type: 'maintenance_window.created', entity: 'maintenance_window', entityId: row.id, payload: { id: row.id } });
    });
    this.cached = null;
    this.outbox.kick();
    return this.present(row);
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<MaintenanceWindow> {
    const w = await this.visible(actor, id);
    if (!canDeclareWindow(actor, w.agency_id) && w.declarer_agency_id !== actor.agencyId) throw forbidden(said('只有作业单位、申报单位或协调中心可以取消天窗', 'only the working or declaring agency, or the centre, cancels a window'));
    if (w.cancelled_at) throw conflict('already_cancelled', said('该天窗已取消', 'the window is already cancelled'));
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('maintenance_windows').set({ cancelled_at: at, cancel_reason: reason }).where('id', '=', id).execute();
      await recordChange(trx, actor, 'maintenance_window', id, 'cancel', { reason });
      await enqueueEvent(trx, { type: 'maintenance_window.cancelled', entity: 'maintenance_window', entityId: id, payload: { id } });
    });
    this.cached = null;
    this.outbox.kick();
    return this.present({ ...w, cancelled_at: at, cancel_reason: reason });
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const w = await this.db.kysely.selectFrom('maintenance_windows').select(['agency_id', 'declarer_agency_id']).where('id', '=', id).executeTakeFirst();
    if (!w) return false;
    const jurisdiction = (await this.db.kysely.selectFrom('maintenance_window_agencies').select('agency_id').where('window_id', '=', id).execute()).map((r) => r.agency_id);
    return canReadWindow(actor, { agencyId: w.agency_id, declarerAgencyId: w.declarer_agency_id, jurisdiction });
  }

  private async visible(actor: Actor, id: string): Promise<MaintenanceWindowsTable> {
    if (!(await this.readable(actor, id))) throw notFound('maintenance window');
    return (await this.db.kysely.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst())!;
  }

  async get(actor: Actor, id: string): Promise<MaintenanceWindow> {
    return this.present(await this.visible(actor, id));
  }

  async list(actor: Actor, q: { from?: string; to?: string; lineId?: string; limit: number }): Promise<{ windows: MaintenanceWindow[] }> {
    const scope = windowScope(actor);
    let s = this.db.kysely.selectFrom('maintenance_windows').selectAll().orderBy('start_at').limit(q.limit);
    if (!scope.all) {
      const agencyId = scope.agencyId;
      s = agencyId === null
        ? s.where((eb) => eb.or([]))
        : s.where((eb) => eb.or([eb('agency_id', '=', agencyId), eb('declarer_agency_id', '=', agencyId), eb.exists(eb.selectFrom('maintenance_window_agencies as mwa').select('mwa.window_id').whereRef('mwa.window_id', '=', 'maintenance_windows.id').where('mwa.agency_id', '=', agencyId))]));
    }
    if (q.from) s = s.where('end_at', '>=', new Date(q.from).toISOString());
    if (q.to) s = s.where('start_at', '<=', new Date(q.to).toISOString());
    if (q.lineId) s = s.where('line_id', '=', q.lineId);
    return { windows: (await s.execute()).map((r) => this.present(r)) };
  }

  private present(r: MaintenanceWindowsTable): MaintenanceWindow {
    const t = nowIso();
    const status = r.cancelled_at ? 'cancelled' : t < r.start_at ? 'planned' : t > r.end_at ? 'ended' : 'open';
    return {
      id: r.id,
      lineId: r.line_id,
      lineName: this.network.current().line(r.line_id)?.name ?? r.line_id,
      from: r.from_mileage,
      to: r.to_mileage,
      start: r.start_at,
      end: r.end_at,
      crew: r.crew,
      agencyId: r.agency_id,
      agencyName: this.org.agencyName(r.agency_id),
      note: r.note,
      status,
      fromMeasureM: r.from_m,
      toMeasureM: r.to_m,
      createdBy: r.created_by,
      createdAt: r.created_at,
    };
  }
}
