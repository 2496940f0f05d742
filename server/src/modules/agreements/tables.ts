/** Cooperation agreements (联防联控协议, 责任书; issue 14): the agreements, their parties and signed copies. */
export interface CooperationAgreementTables {
  coop_agreements: CoopAgreementsTable;
  coop_agreement_parties: CoopAgreementPartiesTable;
  coop_agreement_copies: CoopAgreementCopiesTable;
}

export interface CoopAgreementsTable {
  id: string;
  code: string;
  /** agreement | pledge */
  kind: string;
  title: string;
  /** JSON {lines:[{lineId,from,to,fromM,toM}], areas:[agencyId]} */
  scope: string;
  /** JSON ObligationInput[] */
  obligations: string;
  /** YYYY-MM-DD, Beijing days */
  valid_from: string;
  valid_to: string;
  note: string | null;
  /** when it was put in force with its signed copies; null while a draft */
  signed_at: string | null;
  created_by: string;
  created_at: string;
}

/** The parties, one row each, so the read filter is a join and not a JSON scan. */
export interface CoopAgreementPartiesTable {
  agreement_id: string;
  agency_id: string;
  seq: number;
}

export interface CoopAgreementCopiesTable {
  id: string;
  agreement_id: string;
  name: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
}
