import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { IncidentLocationInput, MileageText } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

/** The mileage as the call-taker types it is asked about only once it is a mileage. */
function complete(location: IncidentLocationInput): boolean {
  return !('mileage' in location) || MileageText.safeParse(location.mileage).success;
}

/**
 * Units for the call being taken, as soon as the category and the place are known: asked again
 * 300 ms after the place stops changing (while a mileage is typed), and when units move.
 */
export function usePlaceRecommendations(categoryId: string | null, location: IncidentLocationInput | null) {
  const key = categoryId && location && complete(location) ? JSON.stringify(location) : null;
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(key), 300);
    return () => window.clearTimeout(id);
  }, [key]);
  const ready = categoryId !== null && settled !== null && settled === key;
  return useQuery({
    queryKey: queryKeys.placeRecommendations(categoryId ?? '', settled ?? ''),
    queryFn: ({ signal }) => api.placeRecommendations({ category: categoryId!, location: IncidentLocationInput.parse(JSON.parse(settled!)), limit: 5 }, signal),
    enabled: ready,
    staleTime: 0,
  });
}
