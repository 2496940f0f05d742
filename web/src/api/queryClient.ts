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
  /** technical defence (issue 11): alarms, devices and maintenance windows each under their own part */
  alarms: ['defence', 'alarms'] as const,
  devices: ['defence', 'devices'] as const,
  windows: ['defence', 'windows'] as const,
  incidentCameras: (id: string) => ['defence', 'devices', 'cameras', id] as const,
  /** hazards (issue 12): the list, each hazard and the ledger under one key */
  hazards: ['hazards'] as const,
  /** defensible-space assessments (issue 12): sites, templates, sections */
  space: ['space'] as const,
  /** joint meetings (issue 14); a decision's state follows its task, so task events refresh them too */
  meetings: ['meetings'] as const,
  /** the big screen (issue 14): today's figures, moved by every incident event */
  wall: ['wall'] as const,
  /** briefings (issue 14): each is published as a bulletin, so bulletin events refresh the list */
  briefings: ['briefings'] as const,
  /** risk along the line (issue 12): cells per line and method; a backtest is a mutation */
  risk: ['risk'] as const,
} satisfies Record<string, QueryKey | ((...args: string[]) => QueryKey)>;
