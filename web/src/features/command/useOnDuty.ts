import { useQuery } from '@tanstack/react-query';
import type { OnDutyPeople } from '@railjoint/contracts';
import { dutyApi } from '../duty/dutyApi';

export type OnDutyPerson = OnDutyPeople['people'][number];

/** Whom the member agencies can send now, read again as agencies are added. */
export function useOnDuty(agencyIds: string[]): OnDutyPerson[] {
  const ids = [...new Set(agencyIds)].sort();
  const q = useQuery({ queryKey: ['duty', 'people', ids.join(',')], queryFn: ({ signal }) => dutyApi.people(ids, signal), enabled: ids.length > 0, staleTime: 60_000 });
  return q.data?.people ?? [];
}
