import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { OrganisationService } from '../organisation/service.js';
import { indicatorRoutes } from './routes.js';
import { IndicatorService } from './service.js';

export interface IndicatorsModule {
  indicators: IndicatorService;
  routes: RouteSpec[];
}

/** Indicators of collaborative governance (issue 14): figures per agency and period, with their records. */
export function createIndicators(deps: { db: Db; org: OrganisationService }): IndicatorsModule {
  const indicators = new IndicatorService(deps.db, deps.org);
  return { indicators, routes: indicatorRoutes(indicators) };
}
