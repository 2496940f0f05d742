import { useQuery } from '@tanstack/react-query';
import type { IncidentStatus } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { useLiveMode } from '../../api/useLiveSync';
import type { LiveMode } from '../../api/useLiveChannel';

/** Everything still being worked on or waiting to be closed. */
export const OPEN_STATUSES: IncidentStatus[] = ['received', 'dispatched', 'en_route', 'on_scene', 'cleared', 'transferred'];

const POLL_MS = 5000;

export type FeedMode = LiveMode;

export interface IncidentFeed {
  incidents: Incident[];
  error: unknown;
  mode: FeedMode;
}

export const openIncidentsQuery = {
  queryKey: queryKeys.incidentList,
  queryFn: async ({ signal }: { signal: AbortSignal }) => (await api.incidents({ status: OPEN_STATUSES, limit: 200 }, signal)).incidents,
};

/**
 * The open incidents: read once, then again when the live channel reports a change (see
 * useLiveSync), and every 5 s only while the channel is down. The API stays the one source of truth.
 */
export function useIncidentFeed(): IncidentFeed {
  const mode = useLiveMode();
  const q = useQuery({ ...openIncidentsQuery, refetchInterval: mode === 'live' ? false : POLL_MS });
  return { incidents: q.data ?? [], error: q.error ?? null, mode };
}
