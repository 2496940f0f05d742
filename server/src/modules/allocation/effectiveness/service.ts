import type { EffectivenessQuery, EffectivenessReport } from '@railjoint/contracts';
import type { Actor } from '../../../platform/auth/actor.js';
import { nowIso } from '../../../platform/clock.js';
import { authorize } from '../../../platform/policies/actions.js';
import type { WhatIfService } from '../simulation/department/service.js';
import type { PostPlanService } from '../posts/service.js';
import type { DepartmentPatrolDuties } from '../patrol-game/department/service.js';

const pct = (x: number) => Math.round(x * 10) / 10;

/**
 * The three answers of the mechanism's effectiveness, each computed by the module that owns it on
 * the department's data now: the what-if simulation (siloed against joint, same incidents, same
 * seed), the post plan (today's cars against p posts chosen over the risk) and the patrol game
 * (a preview of next week's randomised patrols against patrols fixed by rank). Nothing is written.
 */
export class EffectivenessService {
  constructor(
    private readonly whatIf: WhatIfService,
    private readonly posts: PostPlanService,
    private readonly patrols: DepartmentPatrolDuties,
  ) {}

  async report(actor: Actor, q: EffectivenessQuery, lang: 'zh-CN' | 'en', signal?: AbortSignal): Promise<EffectivenessReport> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const sim = await this.whatIf.run(actor, { days: q.days, seed: 1, policies: ['siloed', 'joint'], staffing: {}, posts: { p: q.p, limitMin: q.limitMin } }, lang, signal);
    const of = (policy: 'siloed' | 'joint') => {
      const o = sim.runs.find((r) => r.policy === policy)!.result.overall;
      return { p50S: o.p50S, p90S: o.p90S, withinLimitShare: o.withinLimitShare, incidents: o.incidents };
    };
    const siloed = of('siloed');
    const joint = of('joint');
    const plan = await this.posts.plan(actor, { p: q.p, limitMin: q.limitMin, method: 'nkde' }, lang);
    // a fixed draw, so the report reads the same when asked twice
    const game = await this.patrols.run(actor, { caughtShare: 1, seed: 1, window: { from: '21:00', to: '23:00' }, write: false }, lang);
    return {
      generatedAt: nowIso(),
      response: {
        days: q.days,
        siloed,
        joint,
        p90FasterPct: siloed.p90S && joint.p90S !== null ? pct((100 * (siloed.p90S - joint.p90S)) / siloed.p90S) : null,
        withinLimitGainPts: siloed.withinLimitShare !== null && joint.withinLimitShare !== null ? pct(100 * (joint.withinLimitShare - siloed.withinLimitShare)) : null,
        assumptions: sim.assumptions,
      },
      posts: {
        p: plan.proposed.posts,
        limitMin: q.limitMin,
        currentPosts: plan.current.posts,
        currentShare: plan.current.share,
        proposedShare: plan.proposed.share,
        gainPts: pct(plan.proposed.share - plan.current.share),
        assumptions: plan.assumptions,
      },
      patrols: {
        game: game.game.expectedLoss,
        byRank: game.byRank.expectedLoss,
        uniform: game.uniform.expectedLoss,
        betterThanFixedPct: game.byRank.expectedLoss > 0 ? pct((100 * (game.byRank.expectedLoss - game.game.expectedLoss)) / game.byRank.expectedLoss) : null,
        assumptions: game.assumptions,
      },
      seconds: (performance.now() - t0) / 1000,
    };
  }
}
