import { z } from 'zod';

/**
 * Where posts should be (资源配置 · 选址): a maximal covering instance as plain data, the same for
 * `railjoint plan cover --instance FILE` and the API. A site covers the demands listed under its id
 * in `covers` (for the department's data: those reachable within the time limit by the ETA model);
 * fixed sites are existing posts that stay.
 */
const CoverId = z.string().trim().min(1).max(128);

// Generous, but a request cannot ask for a model that would take the server's memory.
export const COVER_LIMITS = { sites: 50_000, demands: 1_000_000, coverEntries: 20_000_000 } as const;

export const CoverSite = z.object({
  id: CoverId,
  fixed: z.boolean().optional(),
  /** the agency (or any group) that would staff the post; budgets are per group */
  group: CoverId.optional(),
  /** what the post costs its group's budget (default 1: a budget is then a number of posts) */
  cost: z.number().positive({ message: 'a cost must be positive' }).max(1e9).optional(),
  /**
   * The most demand weight the post can answer (a car's workload in a shift, in the demands' weight).
   * Demand is divisible: a cell covered by two posts may be answered partly by each. Absent: unlimited.
   */
  capacity: z.number().nonnegative({ message: 'a capacity cannot be negative' }).max(1e12).optional(),
});
export type CoverSite = z.infer<typeof CoverSite>;

export const CoverDemand = z.object({
  id: CoverId,
  // sums of a million weights stay exact enough and finite below this
  weight: z.number().nonnegative({ message: 'a weight cannot be negative' }).max(1e12),
});
export type CoverDemand = z.infer<typeof CoverDemand>;

export const CoverInstance = z
  .object({
    p: z.number().int().min(1),
    sites: z.array(CoverSite).min(1, { message: 'there must be at least one candidate site' }).max(COVER_LIMITS.sites),
    demands: z.array(CoverDemand).max(COVER_LIMITS.demands),
    covers: z.record(z.string(), z.array(CoverId)),
    /** per group: the most its chosen sites may cost together (fixed sites included) */
    budgets: z.record(z.string(), z.number().nonnegative({ message: 'a budget cannot be negative' }).max(1e12)).optional(),
  })
  .superRefine((inst, ctx) => {
    const issue = (path: Array<string | number>, message: string, zh: string) => ctx.addIssue({ code: 'custom', path, message, params: { zh } });
    let problems = 0;
    // a file with a systematic mistake would otherwise bury the first lines under thousands
    const enough = () => problems >= 100;
    const siteIds = new Set<string>();
    inst.sites.forEach((s, i) => {
      if (siteIds.has(s.id) && !enough()) {
        problems++;
        issue(['sites', i, 'id'], `site "${s.id}" appears twice`, `候选点“${s.id}”重复出现`);
      }
      siteIds.add(s.id);
    });
    const demandIds = new Set<string>();
    inst.demands.forEach((d, i) => {
      if (demandIds.has(d.id) && !enough()) {
        problems++;
        issue(['demands', i, 'id'], `demand "${d.id}" appears twice`, `需求点“${d.id}”重复出现`);
      }
      demandIds.add(d.id);
    });
    const fixed = inst.sites.filter((s) => s.fixed).length;
    if (inst.p > inst.sites.length) issue(['p'], `p (${inst.p}) is larger than the number of sites (${inst.sites.length})`, `p（${inst.p}）大于候选点数（${inst.sites.length}）`);
    if (inst.p < fixed) issue(['p'], `p (${inst.p}) is smaller than the number of fixed sites (${fixed})`, `p（${inst.p}）小于固定点数（${fixed}）`);
    if (inst.budgets) {
      const groups = new Set(inst.sites.map((s) => s.group).filter((g): g is string => g !== undefined));
      const spent = new Map<string, number>();
      for (const s of inst.sites) if (s.fixed && s.group !== undefined) spent.set(s.group, (spent.get(s.group) ?? 0) + (s.cost ?? 1));
      for (const [group, budget] of Object.entries(inst.budgets)) {
        if (!groups.has(group)) issue(['budgets', group], `no site belongs to group "${group}"`, `没有候选点属于“${group}”`);
        else if ((spent.get(group) ?? 0) > budget + 1e-9) issue(['budgets', group], `the fixed sites of "${group}" already cost ${spent.get(group)}, more than its budget ${budget}`, `“${group}”的固定点已花费 ${spent.get(group)}，超过其预算 ${budget}`);
      }
    }
    let entries = 0;
    for (const [siteId, list] of Object.entries(inst.covers)) {
      entries += list.length;
      if (!siteIds.has(siteId) && !enough()) {
        problems++;
        issue(['covers', siteId], `unknown site "${siteId}"`, `未知候选点“${siteId}”`);
      }
      list.forEach((demandId, k) => {
        if (!demandIds.has(demandId) && !enough()) {
          problems++;
          issue(['covers', siteId, k], `unknown demand "${demandId}"`, `未知需求点“${demandId}”`);
        }
      });
    }
    if (entries > COVER_LIMITS.coverEntries) issue(['covers'], `more than ${COVER_LIMITS.coverEntries} cover entries`, `覆盖关系超过 ${COVER_LIMITS.coverEntries} 条`);
  });
export type CoverInstance = z.infer<typeof CoverInstance>;

/** What the covering solvers answer: the chosen sites, the weight they cover, and how far from optimal that can be. */
export const CoverResult = z.object({
  chosen: z.array(z.string()),
  covered: z.number(),
  /** no choice of at most p sites within the budgets (answered within the capacities) covers more than this */
  bound: z.number(),
  /** (bound − covered) / bound, in percent: the most the answer can be short of the optimum */
  gapPct: z.number(),
  seconds: z.number(),
});
export type CoverResult = z.infer<typeof CoverResult>;

/**
 * The p-median instance: the same sites and demands, and the distance (or travel time) from every
 * site to every demand, one row per site in the order of `sites`, one entry per demand in the
 * order of `demands`. The p chosen sites (fixed ones among them) serve each demand from the nearest;
 * the aim is the least weighted total.
 */
export const MEDIAN_LIMITS = { cells: 20_000_000 } as const;

export const MedianInstance = z
  .object({
    p: z.number().int().min(1),
    sites: z.array(CoverSite).min(1, { message: 'there must be at least one candidate site' }).max(COVER_LIMITS.sites),
    demands: z.array(CoverDemand).max(COVER_LIMITS.demands),
    distances: z.array(z.array(z.number().nonnegative({ message: 'a distance cannot be negative' }).max(1e9))),
  })
  .superRefine((inst, ctx) => {
    const issue = (path: Array<string | number>, message: string, zh: string) => ctx.addIssue({ code: 'custom', path, message, params: { zh } });
    const seen = new Set<string>();
    inst.sites.forEach((s, i) => {
      if (seen.has(s.id)) issue(['sites', i, 'id'], `site "${s.id}" appears twice`, `候选点“${s.id}”重复出现`);
      seen.add(s.id);
    });
    seen.clear();
    inst.demands.forEach((d, i) => {
      if (seen.has(d.id)) issue(['demands', i, 'id'], `demand "${d.id}" appears twice`, `需求点“${d.id}”重复出现`);
      seen.add(d.id);
    });
    const fixed = inst.sites.filter((s) => s.fixed).length;
    if (inst.p > inst.sites.length) issue(['p'], `p (${inst.p}) is larger than the number of sites (${inst.sites.length})`, `p（${inst.p}）大于候选点数（${inst.sites.length}）`);
    if (inst.p < fixed) issue(['p'], `p (${inst.p}) is smaller than the number of fixed sites (${fixed})`, `p（${inst.p}）小于固定点数（${fixed}）`);
    if (inst.sites.length * inst.demands.length > MEDIAN_LIMITS.cells) issue(['distances'], `more than ${MEDIAN_LIMITS.cells} distances`, `距离超过 ${MEDIAN_LIMITS.cells} 个`);
    if (inst.distances.length !== inst.sites.length) issue(['distances'], `one row per site: ${inst.sites.length} rows, not ${inst.distances.length}`, `每个候选点一行：应为 ${inst.sites.length} 行，实为 ${inst.distances.length} 行`);
    let bad = 0;
    inst.distances.forEach((row, j) => {
      if (row.length !== inst.demands.length && bad++ < 100) issue(['distances', j], `one entry per demand: ${inst.demands.length}, not ${row.length}`, `每个需求点一项：应为 ${inst.demands.length} 项，实为 ${row.length} 项`);
    });
  });
export type MedianInstance = z.infer<typeof MedianInstance>;

export const MedianResult = z.object({
  chosen: z.array(z.string()),
  /** Σ weight × distance to the nearest chosen site */
  cost: z.number(),
  /** no choice of p sites costs less than this */
  bound: z.number(),
  /** (cost − bound) / cost, in percent */
  gapPct: z.number(),
  seconds: z.number(),
});
export type MedianResult = z.infer<typeof MedianResult>;

/**
 * Randomised patrols as a Stackelberg security game: targets (stretches, key sites) valued by risk,
 * patrol teams with the targets each can reach in a shift. The defender commits to coverage
 * probabilities; an attacker who has watched the patrols for long enough attacks where it pays
 * best. `caughtShare`: what an attack on a covered target costs the attacker, as a share of the
 * target's value.
 */
export const PatrolGameInstance = z
  .object({
    targets: z.array(z.object({ id: z.string().min(1).max(80), value: z.number().finite().gt(0).max(1e9), name: z.string().max(120).optional() })).min(1).max(400),
    teams: z.array(z.object({ id: z.string().min(1).max(80), reach: z.array(z.string().min(1).max(80)).min(1).max(400) })).min(1).max(200),
    caughtShare: z.number().min(0).max(10).default(1),
    /** days of concrete schedules to sample from the strategy */
    days: z.number().int().min(0).max(62).default(7),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .superRefine((inst, ctx) => {
    const issue = (path: Array<string | number>, message: string, zh: string) => ctx.addIssue({ code: 'custom', path, message, params: { zh } });
    const ids = new Set<string>();
    inst.targets.forEach((t, i) => {
      if (ids.has(t.id)) issue(['targets', i, 'id'], `target "${t.id}" is listed twice`, `目标 ${t.id} 重复`);
      ids.add(t.id);
    });
    const teams = new Set<string>();
    inst.teams.forEach((r, i) => {
      if (teams.has(r.id)) issue(['teams', i, 'id'], `team "${r.id}" is listed twice`, `巡防队 ${r.id} 重复`);
      teams.add(r.id);
      r.reach.forEach((t, k) => {
        if (!ids.has(t)) issue(['teams', i, 'reach', k], `no target "${t}"`, `没有目标 ${t}`);
      });
    });
  });
export type PatrolGameInstance = z.infer<typeof PatrolGameInstance>;

const StrategyScore = z.object({
  /** the defender's expected utility against the attacker's best response (0 is no loss) */
  defenderUtility: z.number(),
  /** the target that attacker picks */
  attacked: z.string(),
});

export const PatrolGameResult = z.object({
  /** coverage probability per target under the game's strategy */
  coverage: z.record(z.string(), z.number()),
  /** probability that each team patrols each target on a given day */
  assignment: z.record(z.string(), z.record(z.string(), z.number())),
  game: StrategyScore,
  /** patrols fixed on the riskiest reachable targets, every day the same */
  byRank: StrategyScore,
  /** each team spreading its days evenly over what it can reach */
  uniform: StrategyScore,
  /** concrete daily schedules sampled from the strategy: per day, team → target */
  schedules: z.array(z.record(z.string(), z.string())),
  seconds: z.number(),
});
export type PatrolGameResult = z.infer<typeof PatrolGameResult>;
