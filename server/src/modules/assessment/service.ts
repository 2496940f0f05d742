import type { AgencyScore, AssessmentResult, AssessmentScheme, SchemeInput, SchemeItem } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, said, validationError, type Lang } from '../../platform/http/errors.js';
import { assessmentScope, canManageAssessment } from '../../platform/policies/assessment.js';
import { displayNames } from '../users/display-names.js';
import { rankTotals, schemeProblems, scoreAgency, type Direction } from './model.js';
import { periodEnded, periodRange, periodsBefore } from './period.js';
import { explainScore } from './words.js';

/** What the assessment reads of the indicators (the indicator service fits it). */
export interface IndicatorSource {
  defs(lang: Lang): ReadonlyArray<{ id: string; name: string; unit: string; direction: Direction }>;
  compute(actor: Actor, q: { from: string; to: string; lang?: Lang }): Promise<Figures>;
}

export interface Figures {
  agencies: Array<{ id: string; name: string }>;
  values: Array<{ indicatorId: string; agencyId: string; value: number | null; numerator: number; denominator: number }>;
}

/** How many periods before the one shown make its trend. */
const TREND = 5;

/**
 * The assessment (考核): the centre keeps a scheme (a new version at every change), the scores of
 * a period are computed from the indicators under the scheme in force, and publishing a period
 * freezes its figures and opens its ranking to every agency. Scores are recomputed from the frozen
 * figures when read, so their explanation is worded in the reader's language.
 */
export class AssessmentService {
  constructor(
    private readonly db: Db,
    private readonly indicators: IndicatorSource,
  ) {}

  async schemes(lang: Lang): Promise<AssessmentScheme[]> {
    const rows = await this.db.kysely.selectFrom('assessment_schemes').selectAll().orderBy('version', 'desc').execute();
    const names = await displayNames(this.db.kysely, rows.map((r) => r.created_by));
    const defs = new Map(this.indicators.defs(lang).map((d) => [d.id, d]));
    return rows.map((r) => ({
      version: Number(r.version),
      name: r.name,
      note: r.note,
      items: (JSON.parse(r.items) as SchemeItem[]).map((x) => ({ ...x, indicatorName: defs.get(x.indicatorId)?.name ?? x.indicatorId, unit: defs.get(x.indicatorId)?.unit ?? '', direction: defs.get(x.indicatorId)?.direction ?? 'higher_better' })),
      createdBy: r.created_by,
      createdByName: names(r.created_by),
      createdAt: r.created_at,
    }));
  }

  /** A new version of the scheme; the periods published before keep theirs. */
  async saveScheme(actor: Actor, input: SchemeInput, lang: Lang): Promise<AssessmentScheme> {
    if (!canManageAssessment(actor)) throw forbidden(said('考核方案由协调中心制定', 'the coordination centre sets the assessment scheme'));
    const directions = new Map(this.indicators.defs(lang).map((d) => [d.id, d.direction]));
    const problems = schemeProblems(input.items, directions);
    if (problems.length) throw validationError(problems.map((p) => ({ field: p.field, message: said(p.zh, p.en) })));
    const version = await this.db.kysely.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('assessment_schemes').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
      const v = Number(last?.v ?? 0) + 1;
      await trx.insertInto('assessment_schemes').values({ version: v, name: input.name, note: input.note ?? null, items: JSON.stringify(input.items), created_by: actor.username, created_at: nowIso() }).execute();
      await recordChange(trx, actor, 'assessment_scheme', String(v), 'create', { name: input.name, items: input.items });
      return v;
    });
    return (await this.schemes(lang)).find((s) => s.version === version)!;
  }

  async result(actor: Actor, period: string, lang: Lang): Promise<AssessmentResult> {
    const scope = assessmentScope(actor);
    if (!scope) throw forbidden(said('无权查看考核结果', 'not allowed to read the assessment'));
    const published = await this.publication(period);
    // read once: the periods of the trend may each have been scored by another version
    const schemes = await this.schemes(lang);
    const scheme = pickScheme(schemes, published?.scheme_version ?? null);
    const figures = published ? (JSON.parse(published.snapshot) as Figures) : await this.indicators.compute(actor, { ...periodRange(period), lang });
    const defs = new Map(this.indicators.defs(lang).map((d) => [d.id, d]));
    const scored = scoreFigures(figures, scheme, defs);
    // an agency's place among the others is known to the centre, and to all once published
    const ranked = scope === 'all' || published ? rankTotals(scored) : scored.map((x) => ({ ...x, rank: null }));
    const trends = await this.trends(actor, period, scheme.version, schemes, defs, lang);
    const names = published ? await displayNames(this.db.kysely, [published.published_by]) : null;
    const agencies: AgencyScore[] = ranked
      .filter((x) => scope === 'all' || published || x.agency.id === actor.agencyId)
      .map((x) => ({
        agencyId: x.agency.id,
        agencyName: x.agency.name,
        total: x.total,
        rank: x.rank,
        trend: trends.map((t) => ({ period: t.period, total: t.totals.get(x.agency.id) ?? null })),
        items:
          scope === 'all' || x.agency.id === actor.agencyId
            ? x.items.map((s) => {
                const d = defs.get(s.item.indicatorId);
                const name = d?.name ?? s.item.indicatorId;
                const unit = d?.unit ?? '';
                return {
                  indicatorId: s.item.indicatorId,
                  indicatorName: name,
                  unit,
                  weight: s.item.weight,
                  target: s.item.target,
                  floor: s.item.floor ?? null,
                  rule: s.item.rule,
                  value: s.value,
                  numerator: s.numerator,
                  denominator: s.denominator,
                  score: s.score,
                  points: s.points,
                  explanation: explainScore({ item: s.item, name, unit, value: s.value, numerator: s.numerator, denominator: s.denominator, score: s.score, points: s.points, effectiveWeight: s.effectiveWeight }, lang),
                };
              })
            : null,
      }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
    return {
      period,
      ...periodRange(period),
      schemeVersion: scheme.version,
      schemeName: scheme.name,
      published: published ? { at: published.published_at, by: published.published_by, byName: names!(published.published_by) } : null,
      scope,
      agencies,
    };
  }

  /** Freezes an ended period's figures and opens its ranking to every agency. */
  async publish(actor: Actor, period: string, lang: Lang): Promise<AssessmentResult> {
    if (!canManageAssessment(actor)) throw forbidden(said('考核结果由协调中心发布', 'the coordination centre publishes the assessment'));
    if (!periodEnded(period, now())) throw conflict('period_not_over', said(`考核期 ${period} 尚未结束，不能发布`, `the period ${period} has not ended; it cannot be published`));
    const scheme = pickScheme(await this.schemes(lang), null);
    const figures = await this.indicators.compute(actor, { ...periodRange(period), lang });
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.selectFrom('assessment_publications').select('period').where('period', '=', period).executeTakeFirst();
      if (done) throw conflict('assessment_published', said(`考核期 ${period} 已发布`, `the period ${period} is already published`));
      await trx.insertInto('assessment_publications').values({ period, scheme_version: scheme.version, snapshot: JSON.stringify(figures), published_by: actor.username, published_at: nowIso() }).execute();
      await recordChange(trx, actor, 'assessment', period, 'publish', { schemeVersion: scheme.version, agencies: figures.agencies.length });
    });
    return this.result(actor, period, lang);
  }

  private publication(period: string) {
    return this.db.kysely.selectFrom('assessment_publications').selectAll().where('period', '=', period).executeTakeFirst();
  }

  /** The totals of the periods before, each under its own published scheme, or the one in force while unpublished. */
  private async trends(actor: Actor, period: string, currentVersion: number, schemes: readonly AssessmentScheme[], defs: ReadonlyMap<string, { direction: Direction }>, lang: Lang): Promise<Array<{ period: string; totals: Map<string, number | null> }>> {
    const out: Array<{ period: string; totals: Map<string, number | null> }> = [];
    for (const p of periodsBefore(period, TREND)) {
      const pub = await this.publication(p);
      const scheme = pickScheme(schemes, pub?.scheme_version ?? currentVersion);
      const figures = pub ? (JSON.parse(pub.snapshot) as Figures) : await this.indicators.compute(actor, { ...periodRange(p), lang });
      out.push({ period: p, totals: new Map(scoreFigures(figures, scheme, defs).map((x) => [x.agency.id, x.total])) });
    }
    return out;
  }
}

/** A version of the scheme, or the one in force (the newest); none at all is a refusal the centre can fix. */
function pickScheme(schemes: readonly AssessmentScheme[], version: number | null): AssessmentScheme {
  const s = version === null ? schemes[0] : schemes.find((x) => x.version === version);
  if (!s) throw conflict('no_scheme', said('协调中心尚未制定考核方案', 'the coordination centre has not set an assessment scheme yet'));
  return s;
}

/** Every agency of the figures scored under a scheme, each item with the figure it was scored on. */
function scoreFigures(figures: Figures, scheme: AssessmentScheme, defs: ReadonlyMap<string, { direction: Direction }>) {
  const byKey = new Map(figures.values.map((v) => [`${v.agencyId}\u0000${v.indicatorId}`, v]));
  return figures.agencies.map((a) => {
    const items = scheme.items.map((item) => {
      const v = byKey.get(`${a.id}\u0000${item.indicatorId}`);
      return { item, direction: defs.get(item.indicatorId)?.direction ?? ('higher_better' as const), value: v?.value ?? null, numerator: v?.numerator ?? 0, denominator: v?.denominator ?? 0 };
    });
    const s = scoreAgency(items);
    return { agency: a, total: s.total, items: s.items.map((x, i) => ({ ...x, numerator: items[i]!.numerator, denominator: items[i]!.denominator })) };
  });
}
