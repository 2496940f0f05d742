/** Maintenance windows (天窗) and the agencies with jurisdiction along each one's stretch. */
export interface MaintenanceTables {
  maintenance_windows: MaintenanceWindowsTable;
  maintenance_window_agencies: MaintenanceWindowAgenciesTable;
}

export interface MaintenanceWindowsTable {
  id: string;
  line_id: string;
  from_mileage: string;
  to_mileage: string;
  /** measures along the line geometry, from_m <= to_m */
  from_m: number;
  to_m: number;
  start_at: string;
  end_at: string;
  crew: string;
  agency_id: string;
  declarer_agency_id: string;
  note: string | null;
  created_by: string;
  created_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
}

export interface MaintenanceWindowAgenciesTable {
  window_id: string;
  agency_id: string;
}
