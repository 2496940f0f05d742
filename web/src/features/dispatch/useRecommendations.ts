import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

/** Units for an incident, fastest first: read again when the incident or any unit changes (live channel). */
export function useRecommendations(incidentId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.recommendations(incidentId),
    queryFn: ({ signal }) => api.recommendations(incidentId, 10, signal),
    enabled,
    staleTime: 0,
  });
}
