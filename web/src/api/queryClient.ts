import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './errors';

/**
 * One cache for everything the console reads. Reads are kept fresh by the live channel (see
 * liveInvalidation.ts), not by timers or window focus; a refused or missing resource (4xx) is not
 * asked again on its own.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

/**
 * The cache's keys, named once. An incident's own reads (recommendations aside) live under its
 * detail key, so one invalidation refreshes the incident page as a whole.
 */
export const queryKeys = {
  incidentList: ['incidents', 'list'] as const,
  incident: (id: string) => ['incidents', 'detail', id] as const,
  incidentByCode: (code: string) => ['incidents', 'code', code] as const,
  messages: (id: string) => ['incidents', 'detail', id, 'messages'] as const,
  sitreps: (id: string) => ['incidents', 'detail', id, 'sitreps'] as const,
  handover: (id: string) => ['incidents', 'detail', id, 'handover'] as const,
  level: (id: string) => ['incidents', 'detail', id, 'level'] as const,
  trainsNear: (id: string, place: string) => ['incidents', 'detail', id, 'trains-near', place] as const,
  trainRequests: (id: string) => ['train-requests', id] as const,
  allTrainRequests: ['train-requests'] as const,
  recommendations: (id: string) => ['recommendations', id] as const,
  allRecommendations: ['recommendations'] as const,
  placeRecommendations: (category: string, location: string) => ['place-recommendations', category, location] as const,
  allPlaceRecommendations: ['place-recommendations'] as const,
  units: ['units'] as const,
  agencies: ['agencies'] as const,
  categories: ['categories'] as const,
  network: ['network'] as const,
  areas: ['areas'] as const,
  assignments: ['assignments'] as const,
  tasks: ['tasks'] as const,
  command: (id: string) => ['commands', id] as const,
  commands: ['commands'] as const,
  bulletins: ['bulletins'] as const,
  bulletinByCode: (code: string) => ['bulletins', 'code', code] as const,
  alerts: ['alerts'] as const,
} satisfies Record<string, QueryKey | ((...args: string[]) => QueryKey)>;
