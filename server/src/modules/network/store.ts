import type { Kysely } from 'kysely';
import type { LineFeature, NetworkGeoJSON, PlaceFeature, SiteFeature, StationFeature } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';

/**
 * The network is stored feature by feature as the import format's JSON; the in-memory model is
 * rebuilt from it at start and after every import.
 */
export class NetworkStore {
  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<NetworkGeoJSON> {
    const [lines, stations, sites, places] = await Promise.all([
      this.db.selectFrom('network_lines').select('feature').orderBy('id').execute(),
      this.db.selectFrom('network_stations').select('feature').orderBy('id').execute(),
      this.db.selectFrom('network_sites').select('feature').orderBy('id').execute(),
      this.db.selectFrom('network_places').select('feature').orderBy('id').execute(),
    ]);
    const features = [...lines, ...stations, ...sites, ...places].map((r) => JSON.parse(r.feature) as LineFeature | StationFeature | SiteFeature | PlaceFeature);
    return { type: 'FeatureCollection', features };
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('network_lines').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  /** Replaces the whole stored network with `doc` inside the caller's transaction. */
  async replace(trx: Kysely<Database>, doc: NetworkGeoJSON, now: string, onProgress?: (done: number) => void): Promise<void> {
    await trx.deleteFrom('network_places').execute();
    await trx.deleteFrom('network_sites').execute();
    await trx.deleteFrom('network_stations').execute();
    await trx.deleteFrom('network_lines').execute();
    const lines: Database['network_lines'][] = [];
    const stations: Database['network_stations'][] = [];
    const sites: Database['network_sites'][] = [];
    const places: Database['network_places'][] = [];
    for (const f of doc.features) {
      const p = f.properties;
      const feature = JSON.stringify(f);
      if (p.kind === 'line') lines.push({ id: p.id, name: p.name, high_speed: p.highSpeed ? 1 : 0, feature, updated_at: now });
      else if (p.kind === 'station') stations.push({ id: p.id, name: p.name, telecode: p.telecode ?? null, feature, updated_at: now });
      else if (p.kind === 'site') sites.push({ id: p.id, name: p.name, site_type: p.siteType, line_id: p.lineId, feature, updated_at: now });
      else places.push({ id: p.id, name: p.name, place_type: p.placeType, feature, updated_at: now });
    }
    let done = 0;
    // Batches keep each statement under both engines' parameter limits.
    for (const [table, rows] of [['network_lines', lines], ['network_stations', stations], ['network_sites', sites], ['network_places', places]] as const) {
      for (let i = 0; i < rows.length; i += 100) {
        const batch = rows.slice(i, i + 100);
        await trx.insertInto(table).values(batch as never).execute();
        done += batch.length;
        onProgress?.(done);
      }
    }
  }
}
