/** The assessment (issue 14): the centre's schemes, each version kept, and the published periods. */
export interface AssessmentTables {
  assessment_schemes: AssessmentSchemesTable;
  assessment_publications: AssessmentPublicationsTable;
}

export interface AssessmentSchemesTable {
  /** 1, 2, 3…: a change is a new version, so a published period keeps the scheme it was scored by */
  version: number;
  name: string;
  note: string | null;
  /** JSON SchemeItem[] */
  items: string;
  created_by: string;
  created_at: string;
}

export interface AssessmentPublicationsTable {
  period: string;
  scheme_version: number;
  /** JSON {agencies: [{id, name}], values: IndicatorValue[]}: the figures as measured when published */
  snapshot: string;
  published_by: string;
  published_at: string;
}
