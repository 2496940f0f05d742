/** The power-and-responsibility list (权责清单, issue 14): its versions and the legal basis per category. */
export interface ResponsibilityListTables {
  responsibility_list_versions: ResponsibilityListVersionsTable;
  responsibility_legal_basis: ResponsibilityLegalBasisTable;
}

export interface ResponsibilityListVersionsTable {
  id: string;
  /** 1, 2, … once approved; null for a draft or a discarded one */
  number: number | null;
  /** draft | published | discarded */
  status: string;
  /** 'open' while the row is the draft, null otherwise: its unique index keeps to one draft at a time */
  draft_slot: string | null;
  note: string | null;
  /** JSON ResponsibilityListRow[] */
  rows: string;
  /** JSON [{type, agencies:[{id,name}]}] */
  agencies: string;
  drafted_by: string;
  drafted_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

export interface ResponsibilityLegalBasisTable {
  category_id: string;
  text: string;
  updated_by: string;
  updated_at: string;
}
