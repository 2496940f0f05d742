import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

export const incidentQuery = (id: string) => ({
  queryKey: queryKeys.incident(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => api.incident(id, signal),
});

/**
 * One incident with its timeline. Live events about it mark it stale (folded into one read per
 * burst); the last answer stays on screen while the next is read.
 */
export function useIncidentDetail(id: string | null) {
  return useQuery({ ...incidentQuery(id ?? ''), enabled: id !== null });
}
