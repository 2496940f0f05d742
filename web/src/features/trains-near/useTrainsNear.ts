import { useQuery } from '@tanstack/react-query';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { trainsApi } from './trainsApi';

type Place = Pick<Incident, 'id'> & { location: Pick<Incident['location'], 'lineId' | 'mileage'> };

/**
 * The trains that will pass the incident's mileage in the next 30 minutes, by the timetable. Time
 * moves them, not events, so the answer is read again every half minute; it lives under the
 * incident's key, so a change to the incident (a new place) reads it again at once.
 */
export function useTrainsNear(incident: Place | null) {
  const lineId = incident?.location.lineId ?? null;
  const mileage = incident?.location.mileage ?? null;
  return useQuery({
    queryKey: queryKeys.trainsNear(incident?.id ?? '', `${lineId ?? ''}|${mileage ?? ''}`),
    queryFn: ({ signal }) => trainsApi.passing(lineId!, mileage!, signal),
    enabled: lineId !== null && mileage !== null,
    refetchInterval: 30_000,
    staleTime: 25_000,
  });
}

/** The incident's stop and speed-restriction requests; task events (the railway's replies) read them again. */
export function useTrainRequests(incidentId: string) {
  return useQuery({ queryKey: queryKeys.trainRequests(incidentId), queryFn: ({ signal }) => trainsApi.requests(incidentId, signal) });
}
