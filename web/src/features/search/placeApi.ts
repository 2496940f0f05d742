import { PlaceSearchResult } from '@railjoint/contracts';
import { request } from '../../api/client';

export const placeApi = {
  /** the server's search: the call form and the map's box ask the same route, so they answer alike */
  search: (q: string, lineId: string | null, signal?: AbortSignal) =>
    request('GET', '/api/places/search', { query: { q, limit: 12, ...(lineId ? { lineId } : {}) }, schema: PlaceSearchResult, signal }),
};

/** Network and organisation change on an import, not by the minute: an answer stays good a while. */
export const placeSearchKey = (q: string, lineId: string | null) => ['place-search', q, lineId ?? ''] as const;
