/**
 * Reports from the public and the Open311 applications allowed to post them. Tracking codes,
 * the page's own ids and API keys are kept only as SHA-256 hashes, never as they are. The
 * reporter's contact details are personal data and live in `personal_records`
 * (patrols/personal-data.ts), not here.
 */
export interface PublicReportTables {
  public_reports: PublicReportsTable;
  public_report_notes: PublicReportNotesTable;
  public_report_photos: PublicReportPhotosTable;
  public_rate_limits: PublicRateLimitsTable;
  open311_clients: Open311ClientsTable;
}

export interface PublicReportsTable {
  id: string;
  /** SHA-256 of the normalised tracking code */
  code_hash: string;
  /** SHA-256 of the page's own id for the report (the Open311 token), when it sent one */
  client_hash: string | null;
  /** SHA-256 of the request, so a retry with the same id is told from a different report */
  request_hash: string;
  category: string;
  description: string;
  /** the place as the reporter said it, JSON */
  place: string;
  lon: number | null;
  lat: number | null;
  incident_id: string;
  source: string;
  open311_client_id: string | null;
  media_url: string | null;
  submitted_at: string;
}

export interface PublicReportNotesTable {
  id: string;
  report_id: string;
  text: string;
  agency_id: string;
  by_user: string;
  at: string;
}

export interface PublicReportPhotosTable {
  id: string;
  report_id: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  received_at: string;
}

/** A fixed window of requests per key (an address, a device, an application). */
export interface PublicRateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface Open311ClientsTable {
  id: string;
  name: string;
  key_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}
