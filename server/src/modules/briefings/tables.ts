/** Briefings (issue 14): one row per kind and period, with the figures it was made from and its files. */
export interface BriefingTables {
  briefings: BriefingsTable;
}

export interface BriefingsTable {
  id: string;
  code: string;
  kind: string;
  /** 2026-12-03, 2026-11-30 (the week's Monday), 2026-12; unique with kind */
  period: string;
  from_at: string;
  to_at: string;
  title: string;
  /** BriefingFigures as JSON: the console draws its charts from these, as the files were */
  figures: string;
  html: string;
  pdf: Uint8Array;
  bulletin_id: string;
  generated_at: string;
  /** the user who asked; null when the schedule made it */
  generated_by: string | null;
}
