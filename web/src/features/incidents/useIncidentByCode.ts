import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';

/**
 * The incident an address names (`/incidents/JQ20261203-0001`): from the open queue when it is
 * there, else asked by number (a closed one, or a link from elsewhere). null: not (yet) known.
 */
export function useIncidentByCode(code: string | null, open: Incident[]): { id: string | null; missing: boolean; error: unknown } {
  const listed = code ? open.find((i) => i.code === code) : undefined;
  const q = useQuery({
    queryKey: queryKeys.incidentByCode(code ?? ''),
    queryFn: async ({ signal }) => (await api.incidents({ code: code!, limit: 1 }, signal)).incidents[0] ?? null,
    enabled: code !== null && !listed,
    staleTime: Infinity,
  });
  if (!code) return { id: null, missing: false, error: null };
  if (listed) return { id: listed.id, missing: false, error: null };
  return { id: q.data?.id ?? null, missing: q.data === null, error: q.error ?? null };
}
