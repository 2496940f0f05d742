/**
 * The bureau and its departments (issue 15): what this node knows of the other nodes and what
 * reached it from them. Rows are keyed by the origin's own ids, so importing a message twice
 * (a replay after a restart or a reconnect) changes nothing.
 */
export interface FederationTables {
  federation_nodes: FederationNodesTable;
  federation_agencies: FederationAgenciesTable;
  federation_inbox: FederationInboxTable;
  federation_state: FederationStateTable;
  federation_incidents: FederationIncidentsTable;
  federation_bulletins: FederationBulletinsTable;
  federation_receipts: FederationReceiptsTable;
  federation_indicators: FederationIndicatorsTable;
}

/** Another node: the bureau of a department, a department of the bureau, or a department heard of in the directory. */
export interface FederationNodesTable {
  code: string;
  role: string;
  name: string;
  /** configured here (a department's bureau, a bureau's department) rather than only heard of */
  configured: number;
  last_message_at: string | null;
  last_message_type: string | null;
  messages: number;
  /** connected | disconnected | unknown, as this node's import stream's source from it says */
  link_state: string;
  link_lag: number | null;
  link_active_ms: number | null;
  link_error: string | null;
  link_since: string | null;
  link_checked_at: string | null;
}

/** Agencies of other nodes, for addressing bulletins and naming their senders. */
export interface FederationAgenciesTable {
  node: string;
  agency_id: string;
  name: string;
  type: string;
}

/** Every message imported, by the id its origin published it under: the import's de-duplication. */
export interface FederationInboxTable {
  msg_id: string;
  node: string;
  type: string;
  received_at: string;
}

/** Small facts the federation jobs keep: the outbox cursor, what was last announced. */
export interface FederationStateTable {
  name: string;
  value: string;
}

/** A department's incident as the bureau sees it: a summary without personal data. */
export interface FederationIncidentsTable {
  id: string;
  node: string;
  code: string;
  category_id: string;
  category_name: string;
  channel: string;
  status: string;
  priority: string;
  response_level: string | null;
  line_id: string | null;
  line_name: string | null;
  mileage: string | null;
  station_name: string | null;
  lon: number | null;
  lat: number | null;
  lead_agency_id: string | null;
  lead_agency_name: string | null;
  occurred_at: string;
  received_at: string;
  dispatched_at: string | null;
  on_scene_at: string | null;
  cleared_at: string | null;
  closed_at: string | null;
  /** the origin's version and last change: a late copy never overwrites a newer one */
  version: number;
  updated_at: string;
  imported_at: string;
}

/** A bulletin that crosses nodes: sent from here, received here, or (on the bureau) seen passing. */
export interface FederationBulletinsTable {
  /** the origin's bulletin id */
  id: string;
  origin: string;
  code: string;
  kind: string;
  title: string;
  classification: string;
  status: string;
  sender_agency_id: string;
  sender_agency_name: string;
  author_name: string;
  created_at: string;
  valid_until: string;
  /** JSON [{node, agencies}] */
  targets: string;
  /** the bulletin in this node's own table: the original on the origin, the delivered copy on a recipient */
  local_id: string | null;
  updated_at: string;
}

/** A receiving agency's acknowledgement of a bulletin that crossed nodes. */
export interface FederationReceiptsTable {
  bulletin_id: string;
  node: string;
  agency_id: string;
  agency_name: string;
  acknowledged_at: string;
  acknowledged_by_name: string;
  received_at: string;
}

/** One figure of a node's indicators for a day (Beijing), as the node computed it. */
export interface FederationIndicatorsTable {
  node: string;
  day: string;
  name: string;
  /** canonical JSON of the dimensions (category, status…) */
  dims: string;
  unit: string;
  value: number;
  computed_at: string;
}
