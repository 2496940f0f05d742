import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { NetworkService } from '../network/service.js';
import { riskRoutes } from './routes.js';
import { RiskService, type CategorySource } from './service.js';

export interface RiskModule {
  service: RiskService;
  routes: RouteSpec[];
}

/** Risk along the line (issue 12): history, cells, methods, backtest. */
export function createRisk(deps: { db: Db; network: NetworkService; categories: CategorySource }): RiskModule {
  const service = new RiskService(deps.db, deps.network, deps.categories);
  return { service, routes: riskRoutes(service) };
}
