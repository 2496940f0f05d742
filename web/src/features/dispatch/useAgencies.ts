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
