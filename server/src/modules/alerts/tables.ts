/**
 * The alert centre's tables. An alert is raised once per event that calls for one; each agency it
 * is addressed to settles it on its own (a person acknowledges it, or what happened since resolves
 * it), so the centre and the lead agency each keep their own list.
 */
export interface AlertTables {
  alerts: AlertsTable;
  alert_recipients: AlertRecipientsTable;
  alert_cursor: AlertCursorTable;
}

export interface AlertsTable {
  id: string;
  /** a kind of the registry (kinds.ts) */
  kind: string;
  severity: string;
  /** the event that raised it: one alert per event and kind, however often the outbox is read */
  event_id: string;
  event_type: string;
  about_kind: string;
  about_id: string;
  /** the raising event's payload (JSON), to tell which later events settle this alert */
  payload: string;
  /** JSON AlertSubject without kind and id: numbers and titles as they were when it was raised */
  subject: string;
  /** JSON record of names, reasons and durations the console words it with */
  facts: string;
  raised_at: string;
}

export interface AlertRecipientsTable {
  alert_id: string;
  agency_id: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  /** the person's display name, as the trail of who took it shows it */
  acknowledged_by_name: string | null;
  resolved_at: string | null;
  /** the event type that settled it */
  resolved_by: string | null;
}

export interface AlertCursorTable {
  name: string;
  /** the last outbox id read */
  seq: number;
}
