import { z } from 'zod';
import { Id, LonLat } from './common.js';
import { HazardPlace } from './hazards.js';

/**
 * Defensible-space assessment (防卫空间评估) after the study's four aspects: regionality
 * (territoriality: fences, gaps, signs, clear ownership), monitoring (surveillance: cameras,
 * lighting, sightlines, patrols), appearance (image: upkeep, illegal structures, light materials)
 * and environment (milieu: villages, schools, markets, crossings, incident history). Each item is
 * scored 0 (no defence) to 4 (well defended); items the platform can measure are filled from its data.
 */
export const ASPECTS = ['regionality', 'monitoring', 'appearance', 'environment'] as const;
export const Aspect = z.enum(ASPECTS);
export type Aspect = z.infer<typeof Aspect>;

export const SPACE_SITE_TYPES = ['station_forecourt', 'level_crossing', 'underpass', 'bridge', 'tunnel_portal', 'line_stretch', 'freight_yard'] as const;
export const SpaceSiteType = z.enum(SPACE_SITE_TYPES);
export type SpaceSiteType = z.infer<typeof SpaceSiteType>;

/** What the platform measures itself: camera field-of-view coverage, patrols a week, open hazards, incidents in a year. */
export const MEASURED_KINDS = ['camera_coverage', 'patrols_per_week', 'open_hazards', 'incidents_last_year'] as const;
export const MeasuredKind = z.enum(MEASURED_KINDS);
export type MeasuredKind = z.infer<typeof MeasuredKind>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const SpaceTemplateItem = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'an item id: lower-case letters, digits and _'),
  aspect: Aspect,
  nameZh: Text(60),
  nameEn: Text(120),
  /** what 0 and 4 look like, for the assessor */
  guideZh: z.string().trim().max(200).default(''),
  guideEn: z.string().trim().max(300).default(''),
  measured: MeasuredKind.nullable().default(null),
});
export type SpaceTemplateItem = z.infer<typeof SpaceTemplateItem>;

export const SpaceTemplateInput = z.object({ items: z.array(SpaceTemplateItem).min(4).max(60) });
export type SpaceTemplateInput = z.infer<typeof SpaceTemplateInput>;

export const AssessmentTemplate = z.object({
  siteType: SpaceSiteType,
  version: z.number(),
  items: z.array(SpaceTemplateItem),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AssessmentTemplate = z.infer<typeof AssessmentTemplate>;
export const SpaceTemplateList = z.object({ templates: z.array(AssessmentTemplate) });

export const Countermeasure = z.object({
  id: z.string(),
  aspect: Aspect,
  nameZh: z.string(),
  nameEn: z.string(),
  /** cost in 万元 (10,000 yuan) */
  costWan: z.number(),
  /** the items it raises */
  improves: z.array(z.string()),
  /** expected reduction of incidents at the site, per cent, from the measure's evidence */
  riskReductionPct: z.number(),
  basisZh: z.string(),
  basisEn: z.string(),
});
export type Countermeasure = z.infer<typeof Countermeasure>;
export const CountermeasureList = z.object({ countermeasures: z.array(Countermeasure) });

export const SpaceMeasuredValue = z.object({ kind: MeasuredKind, value: z.number(), score: z.number().int().min(0).max(4) });
export type SpaceMeasuredValue = z.infer<typeof SpaceMeasuredValue>;

export const AspectScores = z.object({ regionality: z.number(), monitoring: z.number(), appearance: z.number(), environment: z.number() });
export type AspectScores = z.infer<typeof AspectScores>;

export const SpaceScoredItem = SpaceTemplateItem.extend({
  score: z.number().int().min(0).max(4),
  note: z.string().nullable(),
  measuredValue: z.number().nullable(),
});
export type SpaceScoredItem = z.infer<typeof SpaceScoredItem>;

export const Assessment = z.object({
  id: z.string(),
  siteId: z.string(),
  templateVersion: z.number(),
  assessedAt: z.string(),
  assessedBy: z.string(),
  assessedByName: z.string(),
  agencyId: z.string(),
  items: z.array(SpaceScoredItem),
  /** photos in evidence of items, oldest first */
  photos: z.array(z.object({ id: z.string(), itemId: z.string(), contentType: z.string(), size: z.number(), receivedAt: z.string(), by: z.string() })),
  /** each aspect 0–100 (the mean of its items × 25) */
  aspects: AspectScores,
  total: z.number(),
  weakest: Aspect,
  recommendations: z.array(Countermeasure),
});
export type Assessment = z.infer<typeof Assessment>;

export const SpaceAssessmentInput = z.object({
  scores: z
    .array(z.object({ itemId: z.string().min(1).max(40), score: z.number().int('a whole score').min(0).max(4), note: z.string().trim().max(1000).optional() }))
    .max(60),
});
export type SpaceAssessmentInput = z.infer<typeof SpaceAssessmentInput>;

export const SpaceSiteInput = z.object({ siteType: SpaceSiteType, name: Text(80), place: HazardPlace });
export type SpaceSiteInput = z.infer<typeof SpaceSiteInput>;

export const SpaceSite = z.object({
  id: z.string(),
  siteType: SpaceSiteType,
  name: z.string(),
  coordinates: LonLat,
  lineId: z.string(),
  lineName: z.string(),
  mileage: z.string(),
  measureM: z.number(),
  sectionId: z.string().nullable(),
  sectionName: z.string().nullable(),
  createdAt: z.string(),
  latest: z.object({ id: z.string(), assessedAt: z.string(), aspects: AspectScores, total: z.number(), weakest: Aspect }).nullable(),
});
export type SpaceSite = z.infer<typeof SpaceSite>;
export const SpaceSiteList = z.object({ sites: z.array(SpaceSite) });
export const SpaceSiteQuery = z.object({ lineId: Id.optional(), sectionId: Id.optional(), siteType: SpaceSiteType.optional() });

export const SpaceSiteDetail = SpaceSite.extend({
  /** every assessment of the site, newest first */
  history: z.array(Assessment),
  /** what the platform measures there now, for a new assessment */
  measured: z.array(SpaceMeasuredValue),
});
export type SpaceSiteDetail = z.infer<typeof SpaceSiteDetail>;

export const SpaceSectionScore = z.object({
  sectionId: z.string(),
  sectionName: z.string(),
  lineId: z.string(),
  sites: z.number(),
  aspects: AspectScores,
  total: z.number(),
  weakest: Aspect,
});
export const SpaceSectionList = z.object({ sections: z.array(SpaceSectionScore) });

export const SpacePlanInput = z.object({
  budgetWan: z.number().positive().max(100_000),
  /** the sites to treat; all assessed sites when left out */
  siteIds: z.array(Id).min(1).max(2000).optional(),
});
export type SpacePlanInput = z.infer<typeof SpacePlanInput>;

export const SpacePlanChoice = z.object({ siteId: z.string(), siteName: z.string(), countermeasureId: z.string(), aspect: Aspect, costWan: z.number(), reduction: z.number() });
export type SpacePlanChoice = z.infer<typeof SpacePlanChoice>;

export const CountermeasurePlan = z.object({
  budgetWan: z.number(),
  chosen: z.array(SpacePlanChoice),
  costWan: z.number(),
  /** expected incidents a year avoided (the sites' incident weight × the measures' reductions) */
  reduction: z.number(),
  /** the same budget spent greedily by reduction per 万元, for comparison */
  greedy: z.object({ costWan: z.number(), reduction: z.number(), chosen: z.number() }),
  candidates: z.number(),
});
export type CountermeasurePlan = z.infer<typeof CountermeasurePlan>;

/** The plan turned into task orders (a campaign of the centre's): the railway section chief's agency for regionality and monitoring, the local one for appearance and environment. */
export const SpacePlanIssueInput = SpacePlanInput.extend({ deadline: z.string().datetime({ offset: true }) });
export type SpacePlanIssueInput = z.infer<typeof SpacePlanIssueInput>;
export const SpacePlanIssued = z.object({
  campaign: z.string(),
  plan: CountermeasurePlan,
  tasks: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), toAgencyId: z.string(), toAgencyName: z.string(), siteId: z.string() })),
});
export type SpacePlanIssued = z.infer<typeof SpacePlanIssued>;

const Counts = z.object({ before: z.number(), after: z.number() });
/** Did the measures work: treated sites against similar untreated ones over the same windows before and after. */
export const SpaceEvaluation = z.object({
  sites: z.array(
    z.object({
      siteId: z.string(),
      siteName: z.string(),
      siteType: SpaceSiteType,
      countermeasures: z.array(z.string()),
      completedAt: z.string(),
      windowDays: z.number(),
      treated: Counts,
      /** the untreated sites of the same type, over the same windows */
      controlSites: z.number(),
      control: Counts,
    }),
  ),
  overall: z.object({ treated: Counts, control: Counts, treatedRatio: z.number(), controlRatio: z.number().nullable(), effect: z.number().nullable() }),
  /** measures done too recently (under 30 days) to compare yet */
  tooRecent: z.number(),
  /** measures issued and not yet done */
  pending: z.number(),
});
export type SpaceEvaluation = z.infer<typeof SpaceEvaluation>;

export const SpacePhotoQuery = z.object({ itemId: z.string().min(1).max(40), photoId: Id });
