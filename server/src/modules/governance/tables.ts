/** Collaborative governance (issue 14): joint meetings, who was invited and came, their decisions. */
export interface GovernanceTables {
  meetings: MeetingsTable;
  meeting_agencies: MeetingAgenciesTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_documents: MeetingDocumentsTable;
}

/** Papers of a meeting: the centre's report, an agency's statement, the signed attendance sheet. */
export interface MeetingDocumentsTable {
  id: string;
  meeting_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  agency_id: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface MeetingsTable {
  id: string;
  code: string;
  type: string;
  title: string;
  scheduled_at: string;
  place: string | null;
  status: string;
  convener_agency_id: string;
  /** JSON [{title, notes}] */
  agenda: string;
  minutes: string | null;
  held_at: string | null;
  created_by: string;
  created_at: string;
}

export interface MeetingAgenciesTable {
  meeting_id: string;
  agency_id: string;
  /** null until the meeting is recorded */
  attended: number | null;
  representative: string | null;
}

export interface MeetingDecisionsTable {
  id: string;
  code: string;
  meeting_id: string;
  seq: number;
  text: string;
  owner_agency_id: string;
  due_at: string;
  task_id: string;
}
