/** Defensible-space assessments (issue 12): templates per site type, sites, assessments. */
export interface DefensibleSpaceTables {
  space_templates: SpaceTemplatesTable;
  space_sites: SpaceSitesTable;
  space_assessments: SpaceAssessmentsTable;
  space_plan_items: SpacePlanItemsTable;
  space_assessment_photos: SpaceAssessmentPhotosTable;
}

/** A photo in evidence of one item of an assessment (the broken fence the low score is for). */
export interface SpaceAssessmentPhotosTable {
  id: string;
  assessment_id: string;
  item_id: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  received_at: string;
  by_user: string;
}

/** A site type's template once the centre has edited it (until then the built-in default holds, version 0). */
export interface SpaceTemplatesTable {
  site_type: string;
  version: number;
  /** JSON SpaceTemplateItem[] */
  items: string;
  updated_at: string;
  updated_by: string;
}

export interface SpaceSitesTable {
  id: string;
  site_type: string;
  name: string;
  lon: number;
  lat: number;
  line_id: string;
  mileage: string;
  measure_m: number;
  section_id: string | null;
  agency_id: string;
  created_at: string;
  created_by: string;
}

/** One assessment, its template's items kept with their scores, so a later template edit does not rewrite it. */
export interface SpaceAssessmentsTable {
  id: string;
  site_id: string;
  template_version: number;
  /** JSON SpaceScoredItem[] */
  items: string;
  /** JSON AspectScores */
  aspects: string;
  total: number;
  weakest: string;
  assessed_at: string;
  assessed_by: string;
  agency_id: string;
}

/** A measure of an issued plan: which site it treats, by which task order (its completion is the treatment's date). */
export interface SpacePlanItemsTable {
  task_id: string;
  site_id: string;
  countermeasure_id: string;
  aspect: string;
  campaign: string;
  issued_at: string;
}
