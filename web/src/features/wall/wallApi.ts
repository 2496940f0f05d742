import { useQuery } from '@tanstack/react-query';
import { WallSummary } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

/**
 * The wall's figures: read again by the live channel whenever an incident changes (see
 * liveInvalidation.ts), and once a minute besides, so the day turns over and ages move on a
 * wall nobody touches.
 */
export function useWall(lang: string) {
  return useQuery({ queryKey: [...queryKeys.wall, lang], queryFn: ({ signal }) => request('GET', '/api/wall', { schema: WallSummary, signal }), refetchInterval: 60_000 });
}
