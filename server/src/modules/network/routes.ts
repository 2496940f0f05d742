import { z } from 'zod';
import { LocateRequest, LocateResponse, NetworkCheckReport, NetworkGeoJSON, PositionQuery, PositionResponse, SectionSummary, Id } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { authorize } from '../../platform/policies.js';
import { HttpError, said } from '../../platform/http/errors.js';
import type { NetworkService } from './service.js';
import { NetworkError } from './network-model.js';
import { checkNetwork } from './validate.js';

const IMPORT_LIMIT = 64 * 1024 * 1024;

/** Domain errors of the network become client errors with their own code. */
export function networkHttpError(e: unknown): unknown {
  if (e instanceof NetworkError) {
    return new HttpError(e.code === 'unknown_line' ? 404 : 422, e.code, e.said);
  }
  return e;
}

export function networkRoutes(network: NetworkService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/network',
      summary: 'The network as GeoJSON (lines, stations, key sites, named towns and villages) for the map; the import format',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the railway network' },
      query: z.object({ kind: z.enum(['line', 'station', 'site', 'place']).optional() }),
      response: NetworkGeoJSON,
      handler: async ({ actor, query }) => {
        authorize(actor, 'network.read');
        const doc = network.current().toGeoJSON();
        return query.kind ? { ...doc, features: doc.features.filter((f) => f.properties.kind === query.kind) } : doc;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/network/check',
      summary: 'Validate a network GeoJSON file without importing it: every problem with its feature id',
      tag: 'network',
      access: 'signed-in',
      body: z.unknown(),
      bodyLimit: IMPORT_LIMIT,
      response: NetworkCheckReport,
      handler: async ({ actor, body }) => {
        authorize(actor, 'network.import');
        return checkNetwork(body).report;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/network/import',
      summary: 'Import network GeoJSON (admin). mode=merge replaces features with the same id; mode=replace replaces the whole network. All or nothing.',
      tag: 'network',
      access: 'signed-in',
      query: z.object({ mode: z.enum(['merge', 'replace']).default('merge') }),
      body: z.unknown(),
      bodyLimit: IMPORT_LIMIT,
      response: z.object({ mode: z.string(), report: NetworkCheckReport }),
      handler: async ({ actor, body, query }) => {
        authorize(actor, 'network.import');
        return network.import(actor, body, query.mode);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/network/locate',
      summary: 'Locate points on the network: nearest line within maxOffsetM (default 500 m), in the same order',
      tag: 'network',
      access: 'signed-in',
      body: LocateRequest,
      bodyLimit: 2 * 1024 * 1024,
      response: LocateResponse,
      handler: async ({ actor, body }) => {
        authorize(actor, 'network.read');
        const model = network.current();
        return { results: body.points.map((p) => model.locate(p, { maxOffsetM: body.maxOffsetM })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/network/position',
      summary: 'The point at a mileage on a line; every candidate where a long chain repeats the mileage',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the railway network' },
      query: PositionQuery,
      response: PositionResponse,
      handler: async ({ actor, query }) => {
        authorize(actor, 'network.read');
        try {
          return network.current().position(query.lineId, query.mileage);
        } catch (e) {
          throw networkHttpError(e);
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/network/sections',
      summary: 'Sections (区间) between adjacent stations',
      tag: 'network',
      access: 'signed-in',
      reads: { reference: 'the railway network' },
      query: z.object({ lineId: Id.optional() }),
      response: z.object({ sections: z.array(SectionSummary) }),
      handler: async ({ actor, query }) => {
        authorize(actor, 'network.read');
        const model = network.current();
        if (query.lineId && !model.line(query.lineId)) throw new HttpError(404, 'unknown_line', said(`线路 ${query.lineId} 不存在`, `line ${query.lineId} not found`));
        return { sections: model.sections(query.lineId) };
      },
    }),
  ];
}
