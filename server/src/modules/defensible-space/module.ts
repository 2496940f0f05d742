import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { NetworkService } from '../network/service.js';
import { defensibleSpaceRoutes } from './routes.js';
import { DefensibleSpaceService, type Locate, type OwnersAt } from './service.js';
import type { TaskService } from '../command/task-service.js';
import type { OrganisationService } from '../organisation/service.js';

export interface DefensibleSpaceModule {
  service: DefensibleSpaceService;
  routes: RouteSpec[];
}

/** Defensible-space assessments (issue 12); sites are placed as hazards are (line, mileage, section). */
export function createDefensibleSpace(deps: { db: Db; network: NetworkService; locate: Locate; ownersAt: OwnersAt; tasks: TaskService; org: OrganisationService; outbox: { kick(): void } }): DefensibleSpaceModule {
  const service = new DefensibleSpaceService(deps.db, deps.network, deps.locate, deps.ownersAt, deps.tasks, deps.org, deps.outbox);
  return { service, routes: defensibleSpaceRoutes(service) };
}
