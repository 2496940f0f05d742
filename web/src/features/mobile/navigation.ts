import type { AssignmentRow } from '../../api/dispatchSchemas';

export interface NavTarget {
  /** the gate or station to drive to, else the place itself */
  label: string;
  lon: number;
  lat: number;
  viaAccess: boolean;
}

/** Where the crew drives: the access point the ETA counted on, else the incident's own point. */
export function navTarget(a: AssignmentRow): NavTarget | null {
  if (a.access) return { label: a.access.name, lon: a.access.lon, lat: a.access.lat, viaAccess: true };
  if (typeof a.lon === 'number' && typeof a.lat === 'number') return { label: a.code, lon: a.lon, lat: a.lat, viaAccess: false };
  return null;
}

/**
 * RFC 5870 geo URI with a labelled query, which Android navigation apps open directly (and iOS
 * maps through the share sheet): coordinates as WGS84 degrees, latitude first.
 */
export function geoUri(t: NavTarget): string {
  const lat = t.lat.toFixed(6);
  const lon = t.lon.toFixed(6);
  return `geo:${lat},${lon}?q=${lat},${lon}(${encodeURIComponent(t.label)})`;
}

/** Late: not acknowledged by its deadline, or past the time the ETA said the crew would arrive. */
export function isOverdue(a: AssignmentRow, now: number): boolean {
  if (a.status === 'assigned' && a.ack_deadline && now > Date.parse(a.ack_deadline)) return true;
  const arriving = typeof a.eta_s === 'number' ? Date.parse(a.assigned_at) + a.eta_s * 1000 : null;
  const there = a.incident_status === 'on_scene' || a.incident_status === 'cleared';
  return arriving !== null && !there && now > arriving;
}
