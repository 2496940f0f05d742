import type { RouteSpec } from '../http/route.js';
import { enrolmentRequired, mayUseRoute } from './mfa-policy.js';

/**
 * Applies the enrolment policy to every signed-in route at once, so no route can forget it: a
 * session that owes a second factor is refused (403 mfa_enrolment_required) everywhere but the
 * enrolment routes. Public routes are left as they are.
 */
export function withEnrolmentGate(routes: RouteSpec[]): RouteSpec[] {
  return routes.map((spec) =>
    spec.access === 'public'
      ? spec
      : {
          ...spec,
          handler: async (ctx) => {
            if (ctx.actor && !mayUseRoute(ctx.actor, spec.method, spec.url)) throw enrolmentRequired();
            return spec.handler(ctx);
          },
        },
  );
}
