import { ASPECTS, type Aspect, type AspectScores, type Countermeasure, type MeasuredKind, type SpaceMeasuredValue, type SpaceScoredItem, type SpaceTemplateItem } from '@railjoint/contracts';

/**
 * The scoring rules of a defensible-space assessment, pure: measured values to scores, items to
 * aspect scores (0–100) and a total, the weakest aspect and what to do about it, and the choice of
 * countermeasures under a budget. Scores run from 0 (no defence) to 4 (well defended).
 */

/** A measured value as a 0–4 score; the thresholds are written here, once, and shown with the figure. */
export function scoreMeasured(kind: MeasuredKind, value: number): number {
  const steps = (v: number, bounds: readonly number[]) => bounds.filter((b) => v >= b).length;
  switch (kind) {
    // share of the site's approaches inside some camera's field of view
    case 'camera_coverage':
      return steps(value, [0.1, 0.3, 0.55, 0.8]);
    // accepted check-ins within 1 km, a week on average over four weeks
    case 'patrols_per_week':
      return steps(value, [0.5, 1.5, 3.5, 7]);
    // fewer is better
    case 'open_hazards':
      return value <= 0 ? 4 : value <= 1 ? 3 : value <= 2 ? 2 : value <= 4 ? 1 : 0;
    case 'incidents_last_year':
      return value <= 0 ? 4 : value <= 2 ? 3 : value <= 5 ? 2 : value <= 10 ? 1 : 0;
  }
}

export interface Problem {
  field: string;
  message: { zh: string; en: string };
}

/** A template the centre edits: unique item ids, every aspect present, each measured kind at most once. */
export function templateProblems(items: readonly SpaceTemplateItem[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const measured = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) out.push({ field: `body.items[${i}].id`, message: { zh: `条目编号 ${it.id} 重复`, en: `item id ${it.id} is used twice` } });
    seen.add(it.id);
    if (it.measured) {
      if (measured.has(it.measured)) out.push({ field: `body.items[${i}].measured`, message: { zh: `测量项 ${it.measured} 只能出现一次`, en: `the measured kind ${it.measured} appears once at most` } });
      measured.add(it.measured);
    }
  });
  for (const a of ASPECTS) {
    if (!items.some((it) => it.aspect === a)) out.push({ field: 'body.items', message: { zh: `缺少“${ASPECT_ZH[a]}”方面的条目`, en: `no item for the ${a} aspect` } });
  }
  return out;
}

export const ASPECT_ZH: Record<Aspect, string> = { regionality: '领域性', monitoring: '监视性', appearance: '形象', environment: '周边环境' };

export interface Scored {
  items: SpaceScoredItem[];
  aspects: AspectScores;
  total: number;
  weakest: Aspect;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * An assessment from the assessor's scores and the platform's measurements. Every item the
 * platform measures takes the measured score (an assessor's score for it is refused: it is shown
 * as measured, not as judged); every other item needs a score.
 */
export function scoreAssessment(template: readonly SpaceTemplateItem[], given: ReadonlyArray<{ itemId: string; score: number; note?: string | undefined }>, measured: ReadonlyMap<MeasuredKind, SpaceMeasuredValue>): { ok: true; value: Scored } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const byId = new Map<string, { score: number; note?: string | undefined; index: number }>();
  given.forEach((g, index) => {
    const it = template.find((x) => x.id === g.itemId);
    if (!it) problems.push({ field: `body.scores[${index}].itemId`, message: { zh: `模板中没有条目 ${g.itemId}`, en: `the template has no item ${g.itemId}` } });
    else if (byId.has(g.itemId)) problems.push({ field: `body.scores[${index}].itemId`, message: { zh: `条目 ${g.itemId} 评了两次`, en: `item ${g.itemId} is scored twice` } });
    else if (it.measured) problems.push({ field: `body.scores[${index}].score`, message: { zh: `“${it.nameZh}”由平台数据测算，不能手工评分`, en: `“${it.nameEn}” is measured from the platform’s data, not scored by hand` } });
    byId.set(g.itemId, { ...g, index });
  });
  const items: SpaceScoredItem[] = [];
  for (const it of template) {
    const m = it.measured ? measured.get(it.measured) : undefined;
    const g = byId.get(it.id);
    if (it.measured && m) {
      items.push({ ...it, score: m.score, note: null, measuredValue: m.value });
    } else if (g) {
      items.push({ ...it, score: g.score, note: g.note ?? null, measuredValue: null });
    } else {
      problems.push({ field: 'body.scores', message: { zh: `缺少“${it.nameZh}”的评分`, en: `no score for “${it.nameEn}”` } });
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { items, ...aspectScores(items) } };
}

/** Aspect scores 0–100 (mean item score × 25), the total as their mean, and the weakest aspect (first in the study's order on a tie). */
export function aspectScores(items: ReadonlyArray<{ aspect: Aspect; score: number }>): { aspects: AspectScores; total: number; weakest: Aspect } {
  const aspects = {} as AspectScores;
  for (const a of ASPECTS) {
    const of = items.filter((x) => x.aspect === a);
    aspects[a] = of.length ? round1((of.reduce((s, x) => s + x.score, 0) / of.length) * 25) : 100;
  }
  const total = round1(ASPECTS.reduce((s, a) => s + aspects[a], 0) / ASPECTS.length);
  const weakest = ASPECTS.reduce((w, a) => (aspects[a] < aspects[w] ? a : w), ASPECTS[0] as Aspect);
  return { aspects, total, weakest };
}

/**
 * How much a measure would help at a site: the mean shortfall (4 − score) / 4 of the items it
 * improves that the site was assessed on; 0 when none of them is wanting.
 */
export function relevance(measure: Countermeasure, items: ReadonlyArray<{ id: string; score: number }>): number {
  const hit = items.filter((x) => measure.improves.includes(x.id));
  if (!hit.length) return 0;
  return hit.reduce((s, x) => s + (4 - x.score) / 4, 0) / hit.length;
}

/** For the weakest aspect, the measures that raise its wanting items, the best value (reduction per 万元, weighted by need) first. */
export function recommend(scored: { items: ReadonlyArray<{ id: string; aspect: Aspect; score: number }>; weakest: Aspect }, catalogue: readonly Countermeasure[]): Countermeasure[] {
  return catalogue
    .filter((m) => m.aspect === scored.weakest)
    .map((m) => ({ m, value: (relevance(m, scored.items) * m.riskReductionPct) / m.costWan }))
    .filter((x) => x.value > 0)
    .sort((a, b) => b.value - a.value || a.m.id.localeCompare(b.m.id))
    .map((x) => x.m);
}

// ---- countermeasure plans under a budget --------------------------------------------------------

export interface PlanSite {
  id: string;
  name: string;
  items: ReadonlyArray<{ id: string; aspect: Aspect; score: number }>;
  /** incidents a year the site draws (1 + those in the last year within 1 km, so a quiet site still counts) */
  weight: number;
}

export interface Candidate {
  siteId: string;
  siteName: string;
  measure: Countermeasure;
  /** the choice group: one measure per site and aspect, so two measures do not claim the same shortfall */
  group: string;
  costWan: number;
  /** expected incidents a year avoided */
  reduction: number;
}

export function candidates(sites: readonly PlanSite[], catalogue: readonly Countermeasure[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sites) {
    for (const m of catalogue) {
      const r = relevance(m, s.items);
      if (r <= 0) continue;
      out.push({ siteId: s.id, siteName: s.name, measure: m, group: `${s.id}:${m.aspect}`, costWan: m.costWan, reduction: s.weight * r * (m.riskReductionPct / 100) });
    }
  }
  return out;
}

/** The budget is counted in 0.1 万元 (1,000 yuan): costs round up to it, so a plan never overspends. */
const UNIT = 0.1;
const units = (wan: number) => Math.ceil(wan / UNIT - 1e-9);
/** Above this many table cells the exact plan would take too long on a workstation. */
export const MAX_CELLS = 60_000_000;

export interface Plan {
  chosen: Candidate[];
  costWan: number;
  reduction: number;
}

const summary = (chosen: Candidate[]): Plan => ({ chosen, costWan: Math.round(chosen.reduce((s, c) => s + c.costWan, 0) * 100) / 100, reduction: chosen.reduce((s, c) => s + c.reduction, 0) });

/**
 * The most expected reduction within the budget, exactly: a multiple-choice knapsack by dynamic
 * programming over the budget in 0.1 万元, at most one measure per group (site and aspect).
 * Throws RangeError when the table would exceed MAX_CELLS.
 */
export function planExact(cands: readonly Candidate[], budgetWan: number): Plan {
  const B = Math.floor(budgetWan / UNIT + 1e-9);
  const byGroup = new Map<string, Candidate[]>();
  for (const c of cands) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  const groups = [...byGroup.values()];
  if (groups.length * (B + 1) > MAX_CELLS) throw new RangeError(`${groups.length} groups × ${B + 1} budget steps is too large`);
  let best = new Float64Array(B + 1);
  // choice[g][b]: which candidate of group g (1-based; 0 = none) the best value at budget b took
  const choice = groups.map(() => new Uint8Array(B + 1));
  groups.forEach((g, gi) => {
    const next = Float64Array.from(best);
    const pick = choice[gi]!;
    g.forEach((c, ci) => {
      const w = units(c.costWan);
      for (let b = B; b >= w; b--) {
        const v = best[b - w]! + c.reduction;
        if (v > next[b]! + 1e-12) {
          next[b] = v;
          pick[b] = ci + 1;
        }
      }
    });
    best = next;
  });
  const chosen: Candidate[] = [];
  let b = B;
  for (let gi = groups.length - 1; gi >= 0; gi--) {
    const ci = choice[gi]![b]!;
    if (ci > 0) {
      const c = groups[gi]![ci - 1]!;
      chosen.push(c);
      b -= units(c.costWan);
    }
  }
  return summary(chosen.reverse());
}

/** The comparison: the best reduction per 万元 first, skipping what does not fit or whose group is taken. */
export function planGreedy(cands: readonly Candidate[], budgetWan: number): Plan {
  let left = Math.floor(budgetWan / UNIT + 1e-9);
  const taken = new Set<string>();
  const chosen: Candidate[] = [];
  for (const c of [...cands].sort((a, b) => b.reduction / b.costWan - a.reduction / a.costWan)) {
    const w = units(c.costWan);
    if (w > left || taken.has(c.group)) continue;
    chosen.push(c);
    taken.add(c.group);
    left -= w;
  }
  return summary(chosen);
}

// ---- did it work: treated sites against similar untreated ones ------------------------------------

export interface Counts {
  before: number;
  after: number;
}

/**
 * Before and after with a comparison group: the change at the treated sites relative to the change
 * at similar untreated sites over the same windows (a ratio of ratios, each count + 0.5 so a site
 * with none does not divide by zero). Below 1: fewer incidents after the measures than the
 * comparison group's trend would have given.
 */
export function relativeEffect(treated: readonly Counts[], control: readonly Counts[]): { treated: Counts; control: Counts; treatedRatio: number; controlRatio: number | null; effect: number | null } {
  const sum = (xs: readonly Counts[]) => xs.reduce((a, x) => ({ before: a.before + x.before, after: a.after + x.after }), { before: 0, after: 0 });
  const t = sum(treated);
  const c = sum(control);
  const treatedRatio = (t.after + 0.5) / (t.before + 0.5);
  const controlRatio = control.length ? (c.after + 0.5) / (c.before + 0.5) : null;
  return { treated: t, control: c, treatedRatio, controlRatio, effect: controlRatio === null ? null : treatedRatio / controlRatio };
}
