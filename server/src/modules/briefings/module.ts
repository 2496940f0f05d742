import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SharingService } from '../sharing/service.js';
import type { BriefingSchedule } from './model.js';
import { briefingRoutes } from './routes.js';
import { BriefingService } from './service.js';
import { WallService } from './wall.js';

export interface BriefingsModule {
  briefings: BriefingService;
  wall: WallService;
  routes: RouteSpec[];
  /** the schedule's round (a periodic job; tests call it with an instant) */
  sweep(at?: number): Promise<{ made: string[] }>;
}

/** Briefings and the big screen (issue 14). `schedule` null: briefings only when the centre asks. */
export function createBriefings(deps: { db: Db; org: OrganisationService; sharing: SharingService; outbox: { kick(): void }; schedule: BriefingSchedule | null }): BriefingsModule {
  const department = () => deps.org.centres()[0]?.name ?? 'RailJoint';
  const briefings = new BriefingService(deps.db, deps.org, deps.sharing, deps.outbox, deps.schedule, department);
  const wall = new WallService(deps.db.kysely, (lang) => ({
    category: (id) => {
      const c = deps.org.categories().find((x) => x.id === id);
      return c ? (lang === 'en' ? c.nameEn : c.nameZh) : id;
    },
    agency: (id) => deps.org.agencyName(id),
  }));
  return { briefings, wall, routes: briefingRoutes(briefings, wall), sweep: (at) => briefings.sweep(at) };
}
