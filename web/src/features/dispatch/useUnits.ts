import { useQuery } from '@tanstack/react-query';
import type { Unit } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

/** The units the user may see, kept current by unit and incident events on the live channel. */
export function useUnits(): { units: Unit[]; error: unknown } {
  const q = useQuery({ queryKey: queryKeys.units, queryFn: async ({ signal }) => (await api.units(signal)).units });
  return { units: q.data ?? [], error: q.error ?? null };
}
