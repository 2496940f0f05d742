import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { OrganisationService } from '../organisation/service.js';
import type { IndicatorService } from '../indicators/service.js';
import { sficRoutes } from './routes.js';
import { SficService } from './service.js';

export interface SficModule {
  sfic: SficService;
  routes: RouteSpec[];
}

/** The SFIC view and the quarterly collaboration survey (issue 14). */
export function createSfic(deps: { db: Db; org: OrganisationService; indicators: IndicatorService }): SficModule {
  const sfic = new SficService(deps.db, deps.org, deps.indicators);
  return { sfic, routes: sficRoutes(sfic) };
}
