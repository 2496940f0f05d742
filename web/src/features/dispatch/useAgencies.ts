import { useQuery } from '@tanstack/react-query';
import type { Agency } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

const NONE: Agency[] = [];

/** Every agency (read once per sign-in): names for unit lists and the transfer picker. */
export function useAgencies(): Agency[] {
  const q = useQuery({ queryKey: queryKeys.agencies, queryFn: async ({ signal }) => (await api.agencies(signal)).agencies, staleTime: Infinity });
  return q.data ?? NONE;
}

/**
 * Whether the user is on the coordination centre's desk (its dispatchers and commanders): they
 * issue campaign task orders — countermeasure plans, joint meetings' decisions — as the server's
 * canIssueTask allows.
 */
export function useIsCentreDesk(user: { agencyId: string; roles: readonly string[] } | null): boolean {
  const agencies = useAgencies();
  return !!user && agencies.find((a) => a.id === user.agencyId)?.type === 'coordination_centre' && user.roles.some((r) => r === 'dispatcher' || r === 'commander');
}
