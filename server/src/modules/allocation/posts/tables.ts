/** Places analysts add to the candidate posts (migration 042). */
export interface PostCandidateTables {
  post_candidates: PostCandidatesTable;
}

export interface PostCandidatesTable {
  id: string;
  name: string;
  agency_id: string;
  lon: number;
  lat: number;
  /** given as a line and mileage: kept as given, the point is where it lies */
  line_id: string | null;
  mileage: string | null;
  created_by: string;
  created_at: string;
}
