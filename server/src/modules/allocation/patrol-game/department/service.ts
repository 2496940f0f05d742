import crypto from 'node:crypto';
import type { PatrolDutiesRequest, PatrolDutiesRun, PatrolGameInstance, PatrolGameResult } from '@railjoint/contracts';
import type { Db } from '../../../../platform/db/database.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import { authorize } from '../../../../platform/policies/actions.js';
import { canRandomisePatrolsFor } from '../../../../platform/policies.js';
import { now, nowIso } from '../../../../platform/clock.js';
import { forbidden, HttpError, said, validationError, fieldError } from '../../../../platform/http/errors.js';
import type { NetworkService } from '../../../network/service.js';
import type { OrganisationService } from '../../../organisation/service.js';
import type { RiskService } from '../../../risk/service.js';
import { addDays, beijingDate, isoWeekday } from '../../../patrols/duties.js';
import { writeRandomisedWeek } from '../../../patrols/randomised.js';
import { playPatrolGame } from '../solve.js';
import { playPatrolGameInWorker } from '../run-in-worker.js';
import { bestResponse, compileGame, coverageOf } from '../model.js';
import { fillIdle, schedulesOf, strategyOf } from './fill.js';
import { buildTargets, gameInstance, reachOf, SEGMENT_M, type StretchInput, type TeamInput } from './instance.js';

/** Risk cells fine enough to split a 3-km target, coarse enough to stay quick over a department. */
const CELL_M = 250;
const METHOD = 'nkde' as const;
/** teams that walk stretches: a guard post keeps its post, information officers report and do not patrol */
const PATROLLING_KINDS = ['railway_police_patrol', 'local_police_patrol', 'township_team', 'security_company', 'volunteers'];
const INLINE = { pairs: 200, targets: 20 };
const RUNNING_AT_MOST = 2;

/**
 * Next week's randomised patrols on the department's data: the patrol game over the stretches its
 * patrol plans walk, valued by risk, with its patrolling teams as resources (instance.ts says how),
 * and the sampled days written as the teams' patrol duties (patrols/randomised.ts).
 */
export class DepartmentPatrolDuties {
  private running = 0;

  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly network: NetworkService,
    private readonly risk: RiskService,
  ) {}

  async run(actor: Actor, req: PatrolDutiesRequest, lang: 'zh-CN' | 'en'): Promise<PatrolDutiesRun> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const today = beijingDate(now());
    const weekStart = req.weekStart ?? addDays(today, 8 - isoWeekday(today));
    if (isoWeekday(weekStart) !== 1) throw validationError([fieldError('body.weekStart', '须为周一', 'must be a Monday')]);
    if (weekStart <= today) throw validationError([fieldError('body.weekStart', '只能安排今后的一周', 'only a week still to come can be scheduled')]);
    const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
    const seed = req.seed ?? crypto.randomInt(0, 2 ** 31 - 1);

    const { stretches, teams, teamInputs } = await this.load();
    const cells = (await this.risk.cells(actor, { cellM: CELL_M, method: METHOD })).cells;
    const targets = buildTargets(stretches, cells);
    const reach = reachOf(teamInputs, targets);
    if (!targets.length || !reach.size) throw new HttpError(409, 'no_patrol_targets', said('没有带巡防点的巡逻线段，或没有巡防队能到达它们', 'no patrolled stretch with checkpoints, or no team that reaches one'));
    const instance = gameInstance(targets, reach, { caughtShare: req.caughtShare, days: 7, seed });
    const result = await this.play(instance);
    const g = compileGame(instance);
    const x = fillIdle(g, strategyOf(g, result.assignment));
    const cover = coverageOf(g, x);
    const attacked = bestResponse(g, cover);
    const game = { defenderUtility: attacked.defender, attacked: g.targets[attacked.target]! };
    const schedules = schedulesOf(g, x, dates.length, seed);

    const byId = new Map(targets.map((t) => [t.id, t]));
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const schedule = dates.map((date, i) => ({ date, patrols: Object.entries(schedules[i] ?? {}).map(([teamId, targetId]) => ({ teamId, targetId })) }));
    let duties: PatrolDutiesRun['duties'] = null;
    if (req.write) {
      const used = [...reach.keys()].map((id) => teamById.get(id)!);
      const foreign = used.find((t) => !canRandomisePatrolsFor(actor, t.agencyId));
      if (foreign) throw forbidden(said(`无权为「${this.org.agencyName(foreign.agencyId)}」安排巡逻：随机巡逻由协调中心、该单位的计划人员或管理员生成`, `you may not plan patrols for ${this.org.agencyName(foreign.agencyId)}: randomised patrols are the centre's, the agency's own planners' or an administrator's to generate`));
      const at = nowIso();
      duties = await this.db.kysely.transaction().execute((trx) =>
        writeRandomisedWeek(
          trx,
          actor,
          {
            dates,
            window: req.window,
            teams: used.map((t) => ({ id: t.id, agencyId: t.agencyId, name: t.name, mode: t.mode, checkpointIds: reach.get(t.id)!.flatMap((id) => byId.get(id)!.checkpointIds) })),
            patrols: schedule.flatMap((d) => d.patrols.map((p) => ({ date: d.date, teamId: p.teamId, checkpointIds: byId.get(p.targetId)!.checkpointIds }))),
            about: { seed, caughtShare: req.caughtShare, method: METHOD, expectedLoss: round(-game.defenderUtility) },
          },
          at,
        ),
      );
    }

    const score = (s: PatrolGameResult['game']) => ({ expectedLoss: round(-s.defenderUtility), attacked: s.attacked, attackedName: byId.get(s.attacked)?.name ?? s.attacked });
    const en = lang === 'en';
    return {
      weekStart,
      dates,
      seed,
      caughtShare: req.caughtShare,
      window: req.window,
      method: METHOD,
      targets: targets.map((t) => ({ id: t.id, name: t.name, lineId: t.lineId, fromMileage: t.fromMileage, toMileage: t.toMileage, checkpointIds: t.checkpointIds, value: round(t.value), coverage: round(cover[g.targets.indexOf(t.id)] ?? 0) })),
      teams: [...reach].map(([id, r]) => {
        const t = teamById.get(id)!;
        return { id, name: t.name, agencyId: t.agencyId, agencyName: this.org.agencyName(t.agencyId), reach: r };
      }),
      game: score(game),
      byRank: score(result.byRank),
      uniform: score(result.uniform),
      schedule,
      duties,
      assumptions: [
        en
          ? `Targets: the stretches the patrol plans walk, cut into runs of checkpoints at most ${SEGMENT_M / 1000} km apart; each valued by the risk on it (${METHOD}, ${CELL_M}-m cells, as of now) as a share of all of them.`
          : `目标：巡逻计划所巡线段，按巡防点切成不超过 ${SEGMENT_M / 1000} 公里的一段段；价值为该段当前风险（${METHOD} 方法，${CELL_M} 米一格）占全部目标的比例。`,
        en
          ? 'Teams: the active patrolling teams; each patrols one stretch a day in the window, among those of its own plans and those inside its agency’s line ranges; a stretch gets at most one team a day.'
          : '巡防队：在用的巡逻队伍；每天在时段内巡一段，限于其现有计划的线段和本单位管辖线路范围内的线段；每段每天至多一队。',
        en
          ? `Attacker: sees how often each stretch is patrolled (not the day’s schedule) and strikes the one that pays best; caught, it pays ${req.caughtShare} times the stretch’s value. Expected loss: the share of risk it takes.`
          : `攻击者：能观察各段被巡逻的频率（看不到当天的安排），选择收益最大的一段；被抓获时付出该段价值的 ${req.caughtShare} 倍。预期损失：其得手的风险占比。`,
        en
          ? 'Compared: the game’s mixed strategy (linear programming; of the equally good ones, one that keeps every team patrolling whenever a stretch it reaches has room), patrols fixed on the riskiest stretches every day, and each team spreading its days evenly.'
          : '比较：博弈最优混合策略（线性规划；在同样最优的策略中取各队尽量每天都有巡逻的一个）、每天固定巡逻风险最高的线段、各队平均轮换。',
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  }

  private async play(instance: PatrolGameInstance): Promise<PatrolGameResult> {
    const pairs = instance.teams.reduce((a, t) => a + t.reach.length, 0);
    if (pairs <= INLINE.pairs && instance.targets.length <= INLINE.targets) return playPatrolGame(instance);
    if (this.running >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('巡逻博弈计算正忙，请稍后再试', 'the patrol game solver is busy; try again shortly'), { retryAfterS: 5 });
    this.running++;
    try {
      return await playPatrolGameInWorker(instance);
    } finally {
      this.running--;
    }
  }

  /** The department's fixed patrol plans with their placed checkpoints, and its patrolling teams with their plans and line ranges. */
  private async load(): Promise<{ stretches: StretchInput[]; teams: Array<{ id: string; name: string; agencyId: string; mode: string }>; teamInputs: TeamInput[] }> {
    const k = this.db.kysely;
    const net = this.network.current();
    const measure = (lineId: string, mileage: string): number | null => {
      try {
        return net.position(lineId, mileage).candidates[0]!.measureM;
      } catch {
        return null;
      }
    };
    const plans = await k.selectFrom('patrol_plans').selectAll().where('active', '=', 1).where('randomised', '=', 0).where('kind', '=', 'patrol').orderBy('id').execute();
    const today = beijingDate(now());
    const live = plans.filter((p) => p.valid_until === null || p.valid_until >= today);
    const planIds = live.map((p) => p.id);
    const cps = planIds.length
      ? await k
          .selectFrom('patrol_plan_checkpoints')
          .innerJoin('checkpoints', 'checkpoints.id', 'patrol_plan_checkpoints.checkpoint_id')
          .select(['patrol_plan_checkpoints.plan_id', 'checkpoints.id', 'checkpoints.line_id', 'checkpoints.measure_m', 'checkpoints.mileage'])
          .where('patrol_plan_checkpoints.plan_id', 'in', planIds)
          .where('checkpoints.active', '=', 1)
          .execute()
      : [];
    const stretches: StretchInput[] = [];
    for (const p of live) {
      const mine = cps.filter((c) => c.plan_id === p.id && c.line_id !== null && c.measure_m !== null && c.mileage !== null);
      // a plan along two lines is two stretches
      for (const lineId of [...new Set(mine.map((c) => c.line_id!))]) {
        const stretch = p.stretch ? (JSON.parse(p.stretch) as { lineId: string; from: string; to: string }) : null;
        const ends = stretch && stretch.lineId === lineId ? [measure(lineId, stretch.from), measure(lineId, stretch.to)] : [null, null];
        stretches.push({
          planId: p.id,
          lineId,
          lineName: net.line(lineId)?.name ?? lineId,
          bounds: ends[0] !== null && ends[1] !== null ? [ends[0]!, ends[1]!] : null,
          checkpoints: mine.filter((c) => c.line_id === lineId).map((c) => ({ id: c.id, measureM: Number(c.measure_m), mileage: c.mileage! })),
        });
      }
    }
    const teamRows = await k.selectFrom('patrol_teams').select(['id', 'name', 'agency_id', 'kind']).where('active', '=', 1).where('kind', 'in', PATROLLING_KINDS).orderBy('id').execute();
    const planTeams = planIds.length ? await k.selectFrom('patrol_plan_teams').select(['plan_id', 'team_id']).where('plan_id', 'in', planIds).execute() : [];
    const ranges = this.org
      .document()
      .jurisdictions.flatMap((j) => {
        if (j.kind !== 'line-range') return [];
        const fromM = measure(j.lineId, j.from);
        const toM = measure(j.lineId, j.to);
        return fromM === null || toM === null ? [] : [{ agencyId: j.agencyId, lineId: j.lineId, fromM, toM }];
      });
    const teams = teamRows.map((t) => {
      const own = planTeams.filter((x) => x.team_id === t.id).map((x) => x.plan_id);
      // the team goes as it goes on its fixed rounds
      const mode = live.find((p) => own.includes(p.id))?.mode ?? 'foot';
      return { id: t.id, name: t.name, agencyId: t.agency_id, mode, planIds: own };
    });
    return {
      stretches,
      teams,
      teamInputs: teams.map((t) => ({ id: t.id, planIds: t.planIds, ranges: ranges.filter((r) => r.agencyId === t.agencyId) })),
    };
  }
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
