/** Section chiefs (双段长) per line and mileage range, hazards (安全隐患) and their photos. */
export interface HazardTables {
  section_chiefs: SectionChiefsTable;
  hazards: HazardsTable;
  hazard_photos: HazardPhotosTable;
}

export interface SectionChiefsTable {
  id: string;
  line_id: string;
  from_mileage: string;
  to_mileage: string;
  /** measures along the line geometry, from_m < to_m */
  from_m: number;
  to_m: number;
  railway_agency_id: string;
  railway_chief: string;
  /** sealed with SM4 (src/personal-data.ts) */
  railway_phone: string | null;
  local_agency_id: string;
  local_chief: string;
  /** sealed with SM4 (src/personal-data.ts) */
  local_phone: string | null;
  note: string | null;
  updated_at: string;
  updated_by: string;
}

export interface HazardsTable {
  id: string;
  code: string;
  type: string;
  severity: string;
  status: string;
  description: string;
  lon: number;
  lat: number;
  line_id: string;
  mileage: string;
  measure_m: number;
  section_id: string | null;
  place_kind: string;
  /** JSON: the protection-zone verdict at the place, or null */
  zone: string | null;
  source_kind: string;
  source_ref: string | null;
  finder_agency_id: string;
  reported_by: string;
  reported_at: string;
  assignment_id: string;
  railway_agency_id: string;
  railway_chief: string;
  local_agency_id: string;
  local_chief: string;
  township_id: string | null;
  county_id: string | null;
  deadline_at: string;
  escalated_at: string | null;
  assigned_at: string | null;
  rectifying_at: string | null;
  rectified_at: string | null;
  verified_at: string | null;
  closed_at: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  rectification_note: string | null;
  verification_note: string | null;
  updated_at: string;
}

export interface HazardPhotosTable {
  id: string;
  hazard_id: string;
  /** before: the hazard as found; after: the rectification */
  phase: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  received_at: string;
  by_user: string;
}
