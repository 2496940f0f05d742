import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from './queryClient';

/** What the live channel tells: an event names its entity, and which one. */
export interface LiveEventRef {
  type: string;
  entity: string;
  entityId: string;
}

/** A read made stale: a key and all under it, or (`exact`) that one read alone. */
export interface Stale {
  key: QueryKey;
  exact?: boolean;
}

/** The parts of an incident's page, each read again only by the events that change it. */
function incidentParts(e: LiveEventRef): Stale[] {
  const id = e.entityId;
  switch (e.type) {
    case 'incident.message':
      return [{ key: queryKeys.messages(id) }];
    case 'incident.level_changed':
    case 'command.opened':
      return [{ key: queryKeys.incident(id), exact: true }, { key: queryKeys.level(id) }];
    case 'incident.handover_requested':
      return [{ key: queryKeys.incident(id), exact: true }, { key: queryKeys.handover(id) }];
    case 'sitrep.edited':
      return [{ key: queryKeys.sitreps(id) }];
    case 'sitrep.drafted':
    case 'sitrep.released':
      // drafting and releasing are written on the timeline too
      return [{ key: queryKeys.incident(id), exact: true }, { key: queryKeys.sitreps(id) }];
    default:
      // a report's task lines and its incident's state move with the incident
      return [{ key: queryKeys.incident(id), exact: true }, { key: queryKeys.sitreps(id) }];
  }
}

/**
 * The reads an event makes stale. Incident events carry only the incident's number and state, not
 * the whole incident, so the incident is read again (once per burst, see InvalidationBatch, and
 * then only its new timeline entries, see readIncident) — but not its messages, level or handover
 * unless the event is about them; units follow their incident's status inside its transaction and
 * command steps are written on its timeline, so incident events touch units, tasks and commands too.
 */
export function keysForEvent(e: LiveEventRef): Stale[] {
  const all = (keys: QueryKey[]): Stale[] => keys.map((key) => ({ key }));
  switch (e.entity) {
    case 'incident':
      return [...all([queryKeys.incidentList, queryKeys.recommendations(e.entityId), queryKeys.units, queryKeys.assignments, queryKeys.tasks, queryKeys.commands, queryKeys.trainRequests(e.entityId), queryKeys.wall]), ...incidentParts(e)];
    case 'unit':
      return all([queryKeys.units, queryKeys.allRecommendations, queryKeys.allPlaceRecommendations]);
    case 'task':
      // a stop request's reply is its task's acknowledgement or completion
      return all([queryKeys.tasks, queryKeys.commands, queryKeys.allTrainRequests, queryKeys.meetings]);
    case 'bulletin':
      return all([queryKeys.bulletins, queryKeys.briefings]);
    case 'alert':
      return all([queryKeys.alerts]);
    // an alarm changes the lists and the figures; a device's health the board, map and cameras
    case 'alarm':
      return all([queryKeys.alarms]);
    case 'device':
      return all([queryKeys.devices]);
    case 'maintenance_window':
      return all([queryKeys.windows]);
    // a step on one hazard moves the list, its page and the ledger's counts
    case 'hazard':
      return all([queryKeys.hazards]);
    // a patrol's finding waits in the hazards room to be registered
    case 'finding':
      return all([queryKeys.hazards]);
    default:
      return [];
  }
}

/** After a reconnect anything that changes may have changed; what never does (network, categories) stays. */
export const RESYNC_KEYS: QueryKey[] = [
  queryKeys.incidentList,
  ['incidents', 'detail'],
  queryKeys.allRecommendations,
  queryKeys.units,
  queryKeys.assignments,
  queryKeys.tasks,
  queryKeys.commands,
  queryKeys.allTrainRequests,
  queryKeys.bulletins,
  queryKeys.alerts,
  ['defence'],
  queryKeys.hazards,
  queryKeys.wall,
  queryKeys.briefings,
];

/**
 * Folds a burst of events into one read per key, and never aborts a read under way: a key whose
 * read is still running waits for it and is read once more after (that read may have started
 * before the change). One incident changing eight times in a second costs two reads, not eight
 * aborted ones.
 */
export class InvalidationBatch {
  private readonly pending = new Map<string, Stale>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: QueryClient,
    private readonly delayMs = 200,
  ) {}

  add(keys: readonly (QueryKey | Stale)[]): void {
    for (const k of keys) {
      const stale: Stale = Array.isArray(k) ? { key: k } : (k as Stale);
      const id = JSON.stringify(stale.key);
      // a key made stale with all under it stays so, whatever exact read joins it in the burst
      const known = this.pending.get(id);
      this.pending.set(id, known && !known.exact ? known : stale);
    }
    if (this.pending.size > 0) this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private schedule(): void {
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    this.timer = undefined;
    const keys = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, stale] of keys) {
      const filter = { queryKey: stale.key, exact: stale.exact ?? false };
      if (this.client.isFetching(filter) > 0) this.pending.set(id, stale);
      else void this.client.invalidateQueries(filter, { cancelRefetch: false });
    }
    if (this.pending.size > 0) this.schedule();
  }
}
