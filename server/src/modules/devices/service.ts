import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Device, DeviceImportResult, DeviceInput, LonLat } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canManageDevice, canReadDevice, deviceScope, type DeviceScope } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { placeDevice, PlacementError } from './placement.js';
import { DeviceCache, rowOf, viewOf } from './registry.js';
import { presentDevice } from './presenter.js';
import { fovCovers } from './fov.js';
import { distanceM, metresPerDegree } from '../network/geo.js';
import type { ImportRow } from './formats.js';

/** The rows of `devices` a reader may see, as a WHERE clause: DEVICE_READ stated in SQL. */
export function devicesVisibleTo(scope: DeviceScope) {
  return (eb: any) => {
    if (scope.all) return eb.lit(true);
    if (scope.agencyId === null) return eb.or([]);
    return eb.exists(eb.selectFrom('device_agencies as da').select('da.device_id').whereRef('da.device_id', '=', 'devices.id').where('da.agency_id', '=', scope.agencyId));
  };
}

/**
 * The device registry: kinds, places, owners, cameras' fields of view and links. Placing a device
 * asks the network and the organisation where it stands and who has jurisdiction there; that is
 * kept in `device_agencies`, by which devices and their alarms are read.
 */
export class DeviceService {
  readonly cache: DeviceCache;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
    readonly defaultHeartbeatS: number,
  ) {
    this.cache = new DeviceCache(db.kysely);
  }

  private place(input: DeviceInput, fieldPrefix: string) {
    if (!this.org.findAgency(input.ownerAgencyId)) throw validationError([fieldError(`${fieldPrefix}ownerAgencyId`, `单位「${input.ownerAgencyId}」不存在`, `unknown agency "${input.ownerAgencyId}"`)]);
    try {
      return placeDevice(input, this.network.current(), this.org);
    } catch (e) {
      if (e instanceof PlacementError) throw validationError([{ field: `${fieldPrefix}${e.field}`, message: e.said }]);
      throw e;
    }
  }

  /** Writes one device and its agencies inside a transaction; the key stays unless a new one is given. */
  private async write(trx: Kysely<Database>, actor: Actor, input: DeviceInput, placed: ReturnType<typeof placeDevice>, existing: { key: string; created_at: string } | undefined): Promise<string | undefined> {
    const at = nowIso();
    const generated = input.key || existing ? undefined : crypto.randomBytes(24).toString('hex');
    const row = rowOf(input, placed, input.key ?? existing?.key ?? generated!, at, existing?.created_at ?? at);
    if (existing) await trx.updateTable('devices').set(row).where('id', '=', input.id).execute();
    else {
      await trx.insertInto('devices').values(row).execute();
      await trx.insertInto('device_health').values({ device_id: input.id, status: 'unknown', last_seen_at: null, due_at: null, offline_reason: null, offline_since: null, repair_task_id: null }).execute();
    }
    await trx.deleteFrom('device_agencies').where('device_id', '=', input.id).execute();
    const agencies = [{ device_id: input.id, agency_id: input.ownerAgencyId, relation: 'owner' as const }, ...placed.jurisdiction.map((a) => ({ device_id: input.id, agency_id: a, relation: 'jurisdiction' as const }))];
    await trx.insertInto('device_agencies').values(agencies).execute();
    await recordChange(trx, actor, 'device', input.id, existing ? 'update' : 'register', { kind: input.kind, owner: input.ownerAgencyId, line: placed.lineId, from: placed.fromMileage, to: placed.toMileage, keyChanged: !!input.key });
    await enqueueEvent(trx, { type: existing ? 'device.updated' : 'device.registered', entity: 'device', entityId: input.id, payload: { id: input.id } });
    return generated;
  }

  async save(actor: Actor, input: DeviceInput, mode: 'create' | 'update'): Promise<Device & { key?: string }> {
    if (!canManageDevice(actor, input.ownerAgencyId)) throw forbidden(said('只有管理员、协调中心值班人员和设备所属单位可以登记设备', 'only administrators, the centre’s operators and the owning agency register its devices'));
    const placed = this.place(input, 'body.');
    const existing = await this.db.kysely.selectFrom('devices').select(['key', 'created_at', 'owner_agency_id']).where('id', '=', input.id).executeTakeFirst();
    if (mode === 'create' && existing) throw conflict('device_exists', said(`设备 ${input.id} 已登记`, `device ${input.id} is already registered`));
    if (mode === 'update' && !existing) throw notFound('device');
    if (existing && !canManageDevice(actor, existing.owner_agency_id)) throw forbidden(said('只有设备所属单位可以修改设备', 'only the owning agency changes its devices'));
    const key = await this.db.kysely.transaction().execute((trx) => this.write(trx, actor, input, placed, existing));
    this.cache.forget(input.id);
    this.outbox.kick();
    const device = await this.get(actor, input.id).catch(() => null);
    // an owner moving its device outside its own sight still gets its answer
    return { ...(device ?? (await this.presentIds([input.id]))[0]!), ...(key ? { key } : {}) };
  }

  /** All or nothing: every row placed first; any refusal and nothing is written. */
  async importRows(actor: Actor, rows: readonly ImportRow[], onProgress?: (done: number, total: number) => void, refused: DeviceImportResult['errors'] = []): Promise<DeviceImportResult> {
    const errors: DeviceImportResult['errors'] = [...refused];
    const placed = rows.map((r) => {
      if (!canManageDevice(actor, r.input.ownerAgencyId)) {
        errors.push({ row: r.row, field: 'ownerAgencyId', message: 'you may not register devices of this agency' });
        return null;
      }
      try {
        return this.place(r.input, '');
      } catch (e) {
        if (e instanceof HttpError) for (const f of e.details?.fields ?? []) errors.push({ row: r.row, field: f.field, message: f.message.en });
        else throw e;
        return null;
      }
    });
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.input.id)) errors.push({ row: r.row, field: 'id', message: `device ${r.input.id} appears twice` });
      seen.add(r.input.id);
    }
    if (errors.length) return { created: 0, updated: 0, errors: errors.sort((a, b) => a.row - b.row), keys: [] };
    const existing = new Map<string, { key: string; created_at: string }>();
    for (let i = 0; i < rows.length; i += 500) {
      const found = await this.db.kysely.selectFrom('devices').select(['id', 'key', 'created_at']).where('id', 'in', rows.slice(i, i + 500).map((r) => r.input.id)).execute();
      for (const f of found) existing.set(f.id, f);
    }
    const keys: DeviceImportResult['keys'] = [];
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const [i, r] of rows.entries()) {
        const key = await this.write(trx, actor, r.input, placed[i]!, existing.get(r.input.id));
        if (key) keys.push({ id: r.input.id, key });
        onProgress?.(i + 1, rows.length);
      }
    });
    for (const r of rows) this.cache.forget(r.input.id);
    this.outbox.kick();
    return { created: rows.length - existing.size, updated: existing.size, errors: [], keys };
  }

  private async presentIds(ids: readonly string[]): Promise<Device[]> {
    if (!ids.length) return [];
    const k = this.db.kysely;
    const [rows, health, agencies] = await Promise.all([
      k.selectFrom('devices').selectAll().where('id', 'in', ids).execute(),
      k.selectFrom('device_health').selectAll().where('device_id', 'in', ids).execute(),
      k.selectFrom('device_agencies').selectAll().where('device_id', 'in', ids).execute(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const model = this.network.current();
    return ids
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map((r) =>
        presentDevice(
          r,
          health.find((h) => h.device_id === r.id),
          agencies.filter((a) => a.device_id === r.id),
          this.org.agencyName(r.owner_agency_id),
          r.line_id ? (model.line(r.line_id)?.name ?? null) : null,
          this.defaultHeartbeatS,
        ),
      );
  }

  /** The device's owner and the agencies with jurisdiction where it stands (its readers' relations). */
  async agenciesOf(id: string): Promise<DeviceAgencies | null> {
    return deviceAgencies(await this.db.kysely.selectFrom('device_agencies').select(['agency_id', 'relation']).where('device_id', '=', id).execute());
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const a = await this.agenciesOf(id);
    return a !== null && canReadDevice(actor, a);
  }

  async get(actor: Actor, id: string): Promise<Device> {
    if (!(await this.readable(actor, id))) throw notFound('device');
    return (await this.presentIds([id]))[0]!;
  }

  async list(actor: Actor, q: { kind?: string; status?: string; ownerAgencyId?: string; lineId?: string; limit: number; cursor?: string }): Promise<{ devices: Device[]; nextCursor: string | null }> {
    let s = this.db.kysely.selectFrom('devices').leftJoin('device_health', 'device_health.device_id', 'devices.id').select('devices.id').where(devicesVisibleTo(deviceScope(actor))).orderBy('devices.id').limit(q.limit);
    if (q.kind) s = s.where('devices.kind', '=', q.kind);
    if (q.ownerAgencyId) s = s.where('devices.owner_agency_id', '=', q.ownerAgencyId);
    if (q.lineId) s = s.where('devices.line_id', '=', q.lineId);
    if (q.status) s = s.where('device_health.status', '=', q.status as 'unknown' | 'online' | 'offline');
    if (q.cursor) s = s.where('devices.id', '>', q.cursor);
    const ids = (await s.execute()).map((r) => r.id);
    const devices = await this.presentIds(ids);
    return { devices, nextCursor: ids.length === q.limit ? ids.at(-1)! : null };
  }

  /** Every device the reader may see, for export (paged internally). */
  async all(actor: Actor): Promise<Device[]> {
    const out: Device[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await this.list(actor, { limit: 1000, cursor });
      out.push(...page.devices);
      if (!page.nextCursor) return out;
      cursor = page.nextCursor;
    }
  }

  /**
   * Cameras whose field of view holds a point, nearest first, among those the reader may see:
   * what the incident page shows with snapshot and live-view links.
   */
  async camerasCovering(actor: Actor, point: LonLat): Promise<Array<{ device: Device; distanceM: number }>> {
    const reach = 5000;
    const { kx, ky } = metresPerDegree(point[1]);
    const rows = await this.db.kysely
      .selectFrom('devices')
      .select(['id', 'lon', 'lat', 'fov'])
      .where('kind', '=', 'camera')
      .where('enabled', '=', 1)
      .where('lon', '>=', point[0] - reach / kx)
      .where('lon', '<=', point[0] + reach / kx)
      .where('lat', '>=', point[1] - reach / ky)
      .where('lat', '<=', point[1] + reach / ky)
      .where(devicesVisibleTo(deviceScope(actor)))
      .execute();
    const seeing = rows
      .filter((r) => r.fov && fovCovers([r.lon, r.lat], JSON.parse(r.fov), point))
      .map((r) => ({ id: r.id, distanceM: Math.round(distanceM([r.lon, r.lat], point)) }))
      .sort((a, b) => a.distanceM - b.distanceM);
    const devices = await this.presentIds(seeing.map((s) => s.id));
    return seeing.map((s) => ({ device: devices.find((d) => d.id === s.id)!, distanceM: s.distanceM }));
  }

  /** For the health sweep and the ingest path: the device's ingest view. */
  async view(id: string) {
    return this.cache.get(id);
  }

  async rawRow(id: string) {
    const r = await this.db.kysely.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? viewOf(r) : null;
  }
}

export interface DeviceAgencies {
  ownerAgencyId: string;
  jurisdiction: string[];
}

/** A device's `device_agencies` rows as the read policies take them; null without an owner. */
export function deviceAgencies(rows: ReadonlyArray<{ agency_id: string; relation: string }>): DeviceAgencies | null {
  const owner = rows.find((r) => r.relation === 'owner');
  return owner ? { ownerAgencyId: owner.agency_id, jurisdiction: rows.filter((r) => r.relation === 'jurisdiction').map((r) => r.agency_id) } : null;
}
