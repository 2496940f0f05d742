import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { OrganisationService } from '../organisation/service.js';
import type { TaskService } from '../command/task-service.js';
import { governanceRoutes } from './routes.js';
import { GovernanceService } from './service.js';

export interface GovernanceModule {
  meetings: GovernanceService;
  routes: RouteSpec[];
}

/** Collaborative governance (issue 14): joint meetings and their decisions as task orders. */
export function createGovernance(deps: { db: Db; org: OrganisationService; tasks: TaskService; outbox: { kick(): void } }): GovernanceModule {
  const meetings = new GovernanceService(deps.db, deps.org, deps.tasks, deps.outbox);
  return { meetings, routes: governanceRoutes(meetings, () => deps.org.centres()[0]?.name ?? 'RailJoint') };
}
