import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PlaceHit, PlaceSearchResult } from '@railjoint/contracts';
import { placeApi, placeSearchKey } from './placeApi';

export interface PlaceSearch {
  hits: PlaceHit[];
  hint: PlaceSearchResult['hint'];
  errors: PlaceSearchResult['errors'];
  /** asked and not yet answered for the text as it stands */
  loading: boolean;
  /** the answer on screen is for this text (the previous one stays while the next is asked) */
  answeredFor: string | null;
}

/** Long enough that typing "K499+9" on the way to "K499+940" does not ask the server each time. */
const DEBOUNCE_MS = 150;

/**
 * Asks the server's place search as the text settles; while the next answer is on its way the
 * last one stays, so the list does not flicker empty between key presses.
 */
export function usePlaceSearch(text: string, lineId: string | null): PlaceSearch {
  const q = text.trim();
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(q), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q]);
  const query = useQuery({
    queryKey: placeSearchKey(settled, lineId),
    queryFn: ({ signal }) => placeApi.search(settled, lineId, signal),
    enabled: settled !== '',
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  if (!q) return { hits: [], hint: null, errors: [], loading: false, answeredFor: null };
  const current = settled === q && !query.isPlaceholderData;
  return {
    hits: query.data?.hits ?? [],
    hint: query.data?.hint ?? null,
    errors: query.data?.errors ?? [],
    loading: !current || query.isFetching,
    answeredFor: current && query.data ? q : null,
  };
}
