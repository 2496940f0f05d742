import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { OrganisationService } from '../organisation/service.js';
import { responsibilityListRoutes } from './routes.js';
import { ResponsibilityListService } from './service.js';

export interface ResponsibilityListModule {
  list: ResponsibilityListService;
  routes: RouteSpec[];
}

/** The power-and-responsibility list (权责清单, issue 14), published from the responsibility matrix. */
export function createResponsibilityList(deps: { db: Db; org: OrganisationService }): ResponsibilityListModule {
  const list = new ResponsibilityListService(deps.db, deps.org);
  return { list, routes: responsibilityListRoutes(list, () => deps.org.centres()[0]?.name ?? 'RailJoint') };
}
