/**
 * The collaboration survey (issue 14). Answers and who answered are kept apart: a response holds
 * the agency, the quarter and the day, never the person; participation holds only a keyed hash of
 * the person and quarter, so a second answer is refused without the answers being traceable.
 */
export interface SficTables {
  survey_responses: SurveyResponsesTable;
  survey_participation: SurveyParticipationTable;
}

export interface SurveyResponsesTable {
  id: string;
  quarter: string;
  agency_id: string;
  /** JSON {itemId: 1–5} */
  answers: string;
  comment: string | null;
  /** the Beijing day only: a time of day could single someone out */
  submitted_on: string;
}

export interface SurveyParticipationTable {
  quarter: string;
  /** HMAC of quarter and username under a key kept in settings */
  person: string;
}
