import type { Db } from '../../platform/db/database.js';
import type { RouteSpec } from '../../platform/http/route.js';
import { assessmentRoutes } from './routes.js';
import { AssessmentService, type IndicatorSource } from './service.js';

export interface AssessmentModule {
  assessment: AssessmentService;
  routes: RouteSpec[];
}

/** The assessment (考核, issue 14): the centre's scheme over the indicators, scores per agency and period, publication. */
export function createAssessment(deps: { db: Db; indicators: IndicatorSource }): AssessmentModule {
  const assessment = new AssessmentService(deps.db, deps.indicators);
  return { assessment, routes: assessmentRoutes(assessment) };
}
