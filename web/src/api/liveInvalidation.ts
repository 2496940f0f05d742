import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from './queryClient';

/** What the live channel tells: an event names its entity, and which one. */
export interface LiveEventRef {
  type: string;
  entity: string;
  entityId: string;
}

/**
 * The reads an event makes stale. Incident events carry only the incident's number and state, not
 * the whole incident, so the incident is read again (once per burst, see InvalidationBatch); units
 * follow their incident's status inside its transaction and command steps are written on its
 * timeline, so incident events touch units, tasks and commands too.
 */
export function keysForEvent(e: LiveEventRef): QueryKey[] {
  switch (e.entity) {
    case 'incident':
      return [queryKeys.incidentList, queryKeys.incident(e.entityId), queryKeys.recommendations(e.entityId), queryKeys.units, queryKeys.assignments, queryKeys.tasks, queryKeys.commands, queryKeys.trainRequests(e.entityId)];
    case 'unit':
      return [queryKeys.units, queryKeys.allRecommendations, queryKeys.allPlaceRecommendations];
    case 'task':
      // a stop request's reply is its task's acknowledgement or completion
      return [queryKeys.tasks, queryKeys.commands, queryKeys.allTrainRequests];
    case 'bulletin':
      return [queryKeys.bulletins];
    case 'alert':
      return [queryKeys.alerts];
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
];

/**
 * Folds a burst of events into one read per key, and never aborts a read under way: a key whose
 * read is still running waits for it and is read once more after (that read may have started
 * before the change). One incident changing eight times in a second costs two reads, not eight
 * aborted ones.
 */
export class InvalidationBatch {
  private readonly pending = new Map<string, QueryKey>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: QueryClient,
    private readonly delayMs = 200,
  ) {}

  add(keys: readonly QueryKey[]): void {
    for (const key of keys) this.pending.set(JSON.stringify(key), key);
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
    for (const [id, key] of keys) {
      if (this.client.isFetching({ queryKey: key }) > 0) this.pending.set(id, key);
      else void this.client.invalidateQueries({ queryKey: key }, { cancelRefetch: false });
    }
    if (this.pending.size > 0) this.schedule();
  }
}
