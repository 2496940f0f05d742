import type { IncidentAction } from '@railjoint/contracts';

/**
 * The state machine's action names and the words in the URL (`POST /api/incidents/:id/en-route`):
 * the URL speaks of what the unit reports, the table of what the incident does.
 */
/** The actions a person takes through `act` (transfers have their own steps). */
export type LifecycleAction = Extract<IncidentAction, 'dispatch' | 'depart' | 'arrive' | 'clear' | 'close' | 'cancel' | 'merge'>;

const URL_TO_ACTION: Record<string, LifecycleAction> = {
  dispatch: 'dispatch',
  'en-route': 'depart',
  'on-scene': 'arrive',
  clear: 'clear',
  close: 'close',
  cancel: 'cancel',
  merge: 'merge',
};

// `dispatch` has its own route in the dispatch module (it takes the units to send).
export const LIFECYCLE_URL_ACTIONS = Object.keys(URL_TO_ACTION).filter((a) => a !== 'dispatch');

export function fromUrlAction(name: string): LifecycleAction | undefined {
  return URL_TO_ACTION[name];
}

export function toUrlAction(action: IncidentAction): string {
  return Object.entries(URL_TO_ACTION).find(([, a]) => a === action)?.[0] ?? action.replace(/_/g, '-');
}
