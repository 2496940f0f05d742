import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { cooperationAgreementRoutes } from './routes.js';
import { CooperationAgreementService } from './service.js';

export interface CooperationAgreementsModule {
  agreements: CooperationAgreementService;
  routes: RouteSpec[];
}

/** Cooperation agreements (联防联控协议, 责任书; issue 14) and how well their obligations are kept. */
export function createCooperationAgreements(deps: { db: Db; org: OrganisationService; network: NetworkService }): CooperationAgreementsModule {
  const agreements = new CooperationAgreementService(deps.db, deps.org, deps.network);
  return { agreements, routes: cooperationAgreementRoutes(agreements) };
}
