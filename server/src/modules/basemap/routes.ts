import fs from 'node:fs';
import { MapConfig } from '@railjoint/contracts';
import type { BasemapConfig } from '../../platform/config.js';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { HttpError, said } from '../../platform/http/errors.js';
import { authorize } from '../../platform/policies.js';
import { byteRange } from './range.js';

export const PMTILES_URL = '/api/basemap/tiles.pmtiles';

/**
 * The map's settings and, when the basemap is a PMTiles file, the file itself, read by ranges as
 * the map needs its tiles. Signed-in like everything else (the console's session cookie is sent
 * with the map's own requests, which cannot carry a header).
 */
export function basemapRoutes(basemap: BasemapConfig | null): RouteSpec[] {
  const routes: RouteSpec[] = [
    defineRoute({
      method: 'GET',
      url: '/api/map/config',
      summary: 'What the map draws under the network: null (the schematic map), a PMTiles file this server serves, or a self-hosted style URL (RAILJOINT_BASEMAP)',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the map settings' },
      response: MapConfig,
      handler: async ({ actor }) => {
        authorize(actor, 'network.read');
        return { basemap: basemap === null ? null : basemap.kind === 'pmtiles' ? { kind: 'pmtiles' as const, url: PMTILES_URL } : { kind: 'style' as const, url: basemap.url } };
      },
    }),
  ];
  if (basemap?.kind !== 'pmtiles') return routes;
  const file = basemap.file;
  routes.push(
    defineRoute({
      method: 'GET',
      url: PMTILES_URL,
      summary: 'The basemap archive (PMTiles), by byte ranges (Range: bytes=first-last answered 206)',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the basemap tiles' },
      handler: async ({ actor, request, reply }) => {
        authorize(actor, 'network.read');
        const stat = await fs.promises.stat(file);
        const range = byteRange(request.headers.range, stat.size);
        if (range === 'unsatisfiable') {
          reply.header('content-range', `bytes */${stat.size}`);
          throw new HttpError(416, 'range_not_satisfiable', said(`底图文件只有 ${stat.size} 字节`, `the basemap file has ${stat.size} bytes`));
        }
        // the file changes only when an operator replaces it; its date and size say when
        reply
          .header('content-type', 'application/octet-stream')
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, max-age=3600')
          .header('etag', `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`);
        if (!range) return reply.header('content-length', stat.size).send(fs.createReadStream(file));
        return reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
          .header('content-length', range.end - range.start + 1)
          .send(fs.createReadStream(file, { start: range.start, end: range.end }));
      },
    }),
  );
  return routes;
}
