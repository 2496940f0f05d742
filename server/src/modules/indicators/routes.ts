import { z } from 'zod';
import { IndicatorDefs, IndicatorRecords, IndicatorRecordsQuery, IndicatorTable, IndicatorTableQuery } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { IndicatorService } from './service.js';
import { queryPeriod } from './period.js';

const Params = z.object({ id: z.string().min(1).max(64) });

export function indicatorRoutes(indicators: IndicatorService): RouteSpec[] {
  const tag = 'indicators';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/indicators/definitions',
      summary: 'Every indicator (考核指标): its formula, unit, direction, target, SFIC component and source, in the reader’s language',
      tag,
      access: 'signed-in',
      reads: { reference: 'the indicators’ definitions are the same for everyone' },
      response: IndicatorDefs,
      handler: async ({ lang }) => ({ defs: indicators.defs(lang) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/indicators',
      summary: 'Every indicator per agency for a period (from/to, month=2026-11 or quarter=2026Q4 in Beijing time; the current month by default): the centre every agency’s (or those of `agency`, comma-separated), anyone else their own',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'agency_indicators', at: 'agencies.*.id' }] },
      query: IndicatorTableQuery,
      response: IndicatorTable,
      handler: async ({ actor, query, lang }) => indicators.compute(actor!, { ...queryPeriod(query), agencyIds: query.agency, lang }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/indicators/:id/records',
      summary: 'The records behind one indicator’s figure for one agency and period (newest first, at most `limit`): 404 for an agency the reader may not read',
      tag,
      access: 'signed-in',
      reads: { lists: [{ kind: 'agency_indicators', at: 'agencyId' }, { kind: 'incident', at: 'records.*.incidentId' }] },
      params: Params,
      query: IndicatorRecordsQuery,
      response: IndicatorRecords,
      handler: async ({ actor, params, query }) => indicators.records(actor!, { indicatorId: params.id, agencyId: query.agency, ...queryPeriod(query), limit: query.limit }),
    }),
  ];
}
