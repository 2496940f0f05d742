import type { Db } from '../../platform/db/database.js';
import type { PersonalData } from '../../platform/crypto/personal-data.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { DEFAULT_DEADLINE_DAYS, type DeadlineDays } from './model.js';
import { SectionChiefService } from './section-chiefs.js';
import { HazardService, type FindingSource } from './service.js';
import { HazardLedgerService } from './ledger.js';
import { hazardRoutes, sectionChiefRoutes } from './routes.js';

export interface HazardsModule {
  chiefs: SectionChiefService;
  service: HazardService;
  ledger: HazardLedgerService;
  routes: RouteSpec[];
}

/** Hazards under the dual section chief system (issue 12), built from the platform's services. */
export function createHazards(deps: { db: Db; network: NetworkService; org: OrganisationService; outbox: { kick(): void }; personal: PersonalData; findings: FindingSource; deadlineDays?: DeadlineDays }): HazardsModule {
  const chiefs = new SectionChiefService(deps.db, deps.network, deps.org, deps.personal);
  const service = new HazardService(deps.db, deps.network, deps.org, chiefs, deps.outbox, deps.deadlineDays ?? DEFAULT_DEADLINE_DAYS);
  service.useFindings(deps.findings);
  const ledger = new HazardLedgerService(service, deps.org);
  return { chiefs, service, ledger, routes: [...sectionChiefRoutes(chiefs), ...hazardRoutes(service, ledger)] };
}
