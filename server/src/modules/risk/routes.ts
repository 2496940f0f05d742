import { z } from 'zod';
import { RiskBacktestRequest, RiskBacktestResult, RiskCells, RiskCellsQuery, RiskHistoryImportResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { RiskService } from './service.js';

export function riskRoutes(risk: RiskService): RouteSpec[] {
  const tag = 'risk';
  return [
    defineRoute({
      method: 'GET',
      url: '/api/risk/cells',
      summary: 'Risk along the line in cells of cellM metres (100 by default), by method (retrospective, nkde, near_repeat, rtm), each cell with its rank and what its score is made of; analysts, and the centre’s dispatchers and commanders',
      tag,
      access: 'signed-in',
      reads: { action: 'risk.read' },
      query: RiskCellsQuery,
      response: RiskCells,
      handler: async ({ actor, query }) => risk.cells(actor!, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/risk/backtest',
      summary: 'Train every method up to trainUntil, score it on the incidents up to testUntil: hit rate, PAI and PEI* at 1, 5 and 10% of line length beside the retrospective baseline',
      tag,
      access: 'signed-in',
      body: RiskBacktestRequest,
      response: RiskBacktestResult,
      handler: async ({ actor, body }) => risk.backtest(actor!, body),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/risk/history',
      summary: 'Import past incidents as CSV (occurredAt,category,lon,lat or occurredAt,category,lineId,mileage), all or nothing; refused rows are named in details.errors (analysts, administrators)',
      tag,
      access: 'signed-in',
      body: z.unknown(),
      rawBody: ['text/csv', 'text/plain'],
      bodyLimit: 16 * 1024 * 1024,
      status: 201,
      response: RiskHistoryImportResult,
      handler: async ({ actor, body }) => risk.importHistory(actor!, typeof body === 'string' ? body : ''),
    }),
  ];
}
