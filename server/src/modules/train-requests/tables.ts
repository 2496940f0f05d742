/** Requests to stop or slow trains near an incident; each is carried by a task order. */
export interface TrainRequestTables {
  train_requests: TrainRequestsTable;
}

export interface TrainRequestsTable {
  id: string;
  incident_id: string;
  task_id: string;
  kind: string;
  /** train numbers, JSON array */
  trains: string;
  speed_kmh: number | null;
  line_id: string;
  mileage: string;
  created_at: string;
  created_by: string;
}
