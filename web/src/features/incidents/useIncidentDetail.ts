import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import type { IncidentDetail } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';

/**
 * Reads an incident; with the cache at hand, an incident already shown is read again as its
 * newer timeline entries only, added to those on screen. When the counts disagree (an entry the
 * reader may no longer see, a shown one rewritten) the whole incident is read instead.
 */
export async function readIncident(id: string, signal: AbortSignal, client?: QueryClient): Promise<IncidentDetail> {
  const shown = client?.getQueryData<IncidentDetail>(queryKeys.incident(id));
  const last = shown?.timeline.at(-1)?.id;
  if (!shown || last === undefined || shown.timelineAfter !== null) return api.incident(id, signal);
  const newer = await api.incident(id, signal, last);
  if (shown.timeline.length + newer.timeline.length !== newer.timelineCount) return api.incident(id, signal);
  return { ...newer, timeline: [...shown.timeline, ...newer.timeline], timelineAfter: null };
}

export const incidentQuery = (id: string, client?: QueryClient) => ({
  queryKey: queryKeys.incident(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => readIncident(id, signal, client),
});

/**
 * One incident with its timeline. Live events about it mark it stale (folded into one read per
 * burst, of what is new); the last answer stays on screen while the next is read.
 */
export function useIncidentDetail(id: string | null) {
  const client = useQueryClient();
  return useQuery({ ...incidentQuery(id ?? '', client), enabled: id !== null });
}
