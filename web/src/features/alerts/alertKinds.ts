import type { AlertSeverity } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import type { Alert } from './alertApi';

/** The rooms of the console an alert can belong to (its badge shows there). */
export type AlertRoom = 'map' | 'incidents' | 'units' | 'bulletins' | 'defence' | 'patrols' | 'hazards';

/**
 * Where each kind of resource an alert is about is worked on. A new kind of alert about a known
 * resource needs nothing here; one about a new resource shows in the map room until it has a room.
 */
const ROOM_OF_SUBJECT: Record<string, AlertRoom> = {
  incident: 'incidents',
  task: 'incidents',
  bulletin: 'bulletins',
  patrol_alert: 'patrols',
  patrol: 'patrols',
  alarm: 'defence',
  device: 'defence',
  hazard: 'hazards',
};

export function roomOf(a: Alert): AlertRoom {
  return ROOM_OF_SUBJECT[a.subject.kind] ?? 'map';
}

/** The page that deals with what the alert is about, when it has one. */
export function linkOf(a: Alert): string | null {
  if (a.subject.kind === 'bulletin' && a.subject.code) return paths.bulletin(a.subject.code);
  if (a.subject.incidentCode) return paths.incident(a.subject.incidentCode);
  if (a.subject.kind === 'hazard') return paths.hazard(a.subject.id);
  return null;
}

export const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, high: 1, normal: 2 };

/** Kinds the catalogue words; any other is worded by the general text and its severity. */
export const WORDED_KINDS = [
  'assignment_unacknowledged',
  'limit_breached',
  'transfer_offered',
  'transfer_declined',
  'transfer_timed_out',
  'bulletin_to_acknowledge',
  'task_overdue',
  'patrol_alert',
  'device_alarm',
  'hazard_overdue',
] as const;
export type WordedKind = (typeof WORDED_KINDS)[number];

export function isWorded(kind: string): kind is WordedKind {
  return (WORDED_KINDS as readonly string[]).includes(kind);
}
