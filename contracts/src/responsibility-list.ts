import { z } from 'zod';
import { Id } from './common.js';
import { AgencyType, PlaceKind } from './organisation.js';

/**
 * The power-and-responsibility list (权责清单): the responsibility matrix published as a
 * versioned document every agency reads — for each category and place kind who leads, supports
 * and is told, the time limit and the legal basis (法律依据). The centre drafts a version from
 * the current matrix, a commander of the centre (or an administrator) approves it; earlier
 * versions stay readable and any two can be compared.
 */
export const ResponsibilityListRow = z.object({
  categoryId: z.string(),
  categoryZh: z.string(),
  categoryEn: z.string(),
  group: z.string(),
  placeKind: PlaceKind,
  lead: AgencyType,
  support: z.array(AgencyType),
  inform: z.array(AgencyType),
  timeLimitS: z.number(),
  legalBasis: z.string(),
});
export type ResponsibilityListRow = z.infer<typeof ResponsibilityListRow>;

/** The department's named agencies of each type the list names, so "乡镇" reads as the townships it means. */
export const ResponsibilityListAgencies = z.array(z.object({ type: AgencyType, agencies: z.array(z.object({ id: z.string(), name: z.string() })) }));

export const ResponsibilityListVersion = z.object({
  id: z.string(),
  /** null while a draft */
  number: z.number().nullable(),
  status: z.enum(['draft', 'published']),
  note: z.string().nullable(),
  rows: z.array(ResponsibilityListRow),
  agencies: ResponsibilityListAgencies,
  draftedBy: z.string(),
  draftedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** a draft whose matrix, legal basis or agencies changed since it was drafted: approving it is refused until it is redrafted */
  stale: z.boolean(),
});
export type ResponsibilityListVersion = z.infer<typeof ResponsibilityListVersion>;

export const ResponsibilityListSummary = ResponsibilityListVersion.pick({ id: true, number: true, status: true, note: true, draftedBy: true, draftedAt: true, approvedBy: true, approvedAt: true, stale: true }).extend({ rowCount: z.number() });
export type ResponsibilityListSummary = z.infer<typeof ResponsibilityListSummary>;

export const ResponsibilityListIndex = z.object({
  /** published versions, newest first */
  versions: z.array(ResponsibilityListSummary),
  /** the open draft, only to those who may draft or approve */
  draft: ResponsibilityListSummary.nullable(),
  mayDraft: z.boolean(),
  mayApprove: z.boolean(),
});
export type ResponsibilityListIndex = z.infer<typeof ResponsibilityListIndex>;

const BasisText = z.string().trim().min(1).max(2000);

/** Drafting (or redrafting) from the current matrix: an optional note, and legal basis changes for some categories. */
export const ResponsibilityDraftInput = z.object({
  note: z.string().trim().max(2000).optional(),
  legalBasis: z.array(z.object({ categoryId: Id, text: BasisText })).max(200).default([]),
});
export type ResponsibilityDraftInput = z.infer<typeof ResponsibilityDraftInput>;

/** The approver names the draft they read, so a draft redrafted meanwhile is not approved unseen. */
export const ResponsibilityApproveInput = z.object({ draftId: z.string().min(1).max(64) });

export const LegalBasisList = z.object({ categories: z.array(z.object({ categoryId: z.string(), categoryZh: z.string(), text: z.string(), edited: z.boolean() })) });

export const ResponsibilityListDiff = z.object({
  from: z.number(),
  to: z.number(),
  added: z.array(ResponsibilityListRow),
  removed: z.array(ResponsibilityListRow),
  changed: z.array(z.object({ before: ResponsibilityListRow, after: ResponsibilityListRow, fields: z.array(z.enum(['lead', 'support', 'inform', 'timeLimitS', 'legalBasis', 'category'])) })),
});
export type ResponsibilityListDiff = z.infer<typeof ResponsibilityListDiff>;

export const VersionNumberParams = z.object({ number: z.coerce.number().int().positive().max(1_000_000) });
export const ResponsibilityDiffQuery = z.object({ from: z.coerce.number().int().positive().max(1_000_000), to: z.coerce.number().int().positive().max(1_000_000) });
export const ResponsibilityFileQuery = z.object({ format: z.enum(['pdf', 'xlsx']) });
