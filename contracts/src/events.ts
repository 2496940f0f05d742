/**
 * Every kind of event the platform emits, and the kind of resource each is about: an event
 * reaches a user (live channel) or an agency (webhooks) only if they may read that resource when
 * it is delivered. The server's enqueueEvent accepts only these names, and the access-matrix test
 * fires every one of them.
 */
export const EVENT_TYPES = {
  'incident.created': 'incident',
  'incident.dispatch': 'incident',
  'incident.depart': 'incident',
  'incident.arrive': 'incident',
  'incident.clear': 'incident',
  'incident.close': 'incident',
  'incident.cancel': 'incident',
  'incident.merge': 'incident',
  'incident.reprioritised': 'incident',
  'incident.kept_apart': 'incident',
  'incident.note': 'incident',
  'incident.transfer': 'incident',
  'incident.transfer_accepted': 'incident',
  'incident.transfer_declined': 'incident',
  'incident.transfer_timeout': 'incident',
  'incident.limit_breached': 'incident',
  'incident.units_added': 'incident',
  'incident.assignment_acknowledged': 'incident',
  'incident.assignment_unacknowledged': 'incident',
  'incident.unit_released': 'incident',
  'incident.handover_requested': 'incident',
  'incident.level_changed': 'incident',
  'command.opened': 'incident',
  'incident.message': 'message',
  'task.issued': 'task',
  'task.acknowledge': 'task',
  'task.progress': 'task',
  'task.complete': 'task',
  'task.cancel': 'task',
  'task.overdue': 'task',
  'unit.position': 'unit',
  'unit.status': 'unit',
  'bulletin.published': 'bulletin',
  'bulletin.withdrawn': 'bulletin',
  'bulletin.acknowledged': 'bulletin',
  'bulletin.reminder': 'bulletin',
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as EventType[];
