import type { Kysely } from 'kysely';
import type { Device, DeviceInput, FieldOfView } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { DevicesTable } from './tables.js';

/** What the ingest path needs to know of a device, kept in memory. */
export interface DeviceView {
  id: string;
  kind: Device['kind'];
  name: string;
  ownerAgencyId: string;
  lineId: string | null;
  fromM: number | null;
  toM: number | null;
  lon: number;
  lat: number;
  fov: FieldOfView | null;
  heartbeatS: number | null;
  key: string;
  enabled: boolean;
  nvrCamera: string | null;
}

export function viewOf(r: DevicesTable): DeviceView {
  return {
    id: r.id,
    kind: r.kind as Device['kind'],
    name: r.name,
    ownerAgencyId: r.owner_agency_id,
    lineId: r.line_id,
    fromM: r.from_m,
    toM: r.to_m,
    lon: r.lon,
    lat: r.lat,
    fov: r.fov ? (JSON.parse(r.fov) as FieldOfView) : null,
    heartbeatS: r.heartbeat_s,
    key: r.key,
    enabled: r.enabled === 1,
    nvrCamera: r.nvr_camera,
  };
}

/** Where along its line an event happened: a linear sensor's position counts from its `from` end. */
export function measureOf(d: DeviceView, positionM: number | undefined): number | null {
  if (d.fromM === null || d.toM === null) return null;
  if (d.kind === 'camera') return (d.fromM + d.toM) / 2;
  if (positionM === undefined || d.fromM === d.toM) return (d.fromM + d.toM) / 2;
  const dir = d.toM >= d.fromM ? 1 : -1;
  const m = d.fromM + dir * positionM;
  return Math.min(Math.max(m, Math.min(d.fromM, d.toM)), Math.max(d.fromM, d.toM));
}

/**
 * The devices in memory for ingest, so a message costs no query to know its device. Other
 * instances' changes arrive as device events on the bus (`forget`), and a miss asks the database.
 */
export class DeviceCache {
  private readonly byId = new Map<string, DeviceView>();
  private readonly byNvr = new Map<string, string>();
  private loaded: Promise<void> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      let after = '';
      for (;;) {
        const rows = await this.db.selectFrom('devices').selectAll().where('id', '>', after).orderBy('id').limit(5000).execute();
        for (const r of rows) this.put(viewOf(r));
        if (rows.length < 5000) return;
        after = rows.at(-1)!.id;
      }
    })().catch((e: unknown) => {
      this.loaded = null;
      throw e;
    });
    return this.loaded;
  }

  put(v: DeviceView): void {
    const old = this.byId.get(v.id);
    if (old?.nvrCamera) this.byNvr.delete(old.nvrCamera);
    this.byId.set(v.id, v);
    this.byNvr.set(v.nvrCamera ?? v.id, v.id);
  }

  forget(id: string): void {
    const old = this.byId.get(id);
    if (old) this.byNvr.delete(old.nvrCamera ?? old.id);
    this.byId.delete(id);
  }

  async get(id: string): Promise<DeviceView | null> {
    await this.load();
    const hit = this.byId.get(id);
    if (hit) return hit;
    const row = await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const v = viewOf(row);
    this.put(v);
    return v;
  }

  /** A Frigate camera name: the device's nvrCamera, or its id. */
  async camera(name: string): Promise<DeviceView | null> {
    await this.load();
    const id = this.byNvr.get(name);
    if (id) return this.byId.get(id) ?? null;
    const row = await this.db.selectFrom('devices').selectAll().where((eb) => eb.or([eb('nvr_camera', '=', name), eb('id', '=', name)])).where('kind', '=', 'camera').executeTakeFirst();
    if (!row) return null;
    const v = viewOf(row);
    this.put(v);
    return v;
  }

  size(): number {
    return this.byId.size;
  }
}

export function rowOf(input: DeviceInput, placed: { lon: number; lat: number; lineId: string | null; fromM: number | null; toM: number | null; fromMileage: string | null; toMileage: string | null }, key: string, at: string, createdAt: string): DevicesTable {
  return {
    id: input.id,
    kind: input.kind,
    name: input.name,
    owner_agency_id: input.ownerAgencyId,
    location: JSON.stringify(input.location),
    lon: placed.lon,
    lat: placed.lat,
    line_id: placed.lineId,
    from_m: placed.fromM,
    to_m: placed.toM,
    from_mileage: placed.fromMileage,
    to_mileage: placed.toMileage,
    fov: input.fieldOfView ? JSON.stringify(input.fieldOfView) : null,
    stream_url: input.streamUrl ?? null,
    snapshot_url: input.snapshotUrl ?? null,
    nvr_camera: input.nvrCamera ?? null,
    heartbeat_s: input.heartbeatS ?? null,
    key,
    enabled: input.enabled ? 1 : 0,
    created_at: createdAt,
    updated_at: at,
  };
}
