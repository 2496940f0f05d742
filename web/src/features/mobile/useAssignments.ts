import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import type { AssignmentRow } from '../../api/dispatchSchemas';
import { queryKeys } from '../../api/queryClient';
import { useLiveMode } from '../../api/useLiveSync';
import type { LiveMode } from '../../api/useLiveChannel';

const POLL_MS = 10_000;

/**
 * The agency's open assignments: marked stale by the live channel when an incident the agency
 * takes part in changes (a new job arrives within a second), re-read after each own action, and
 * every 10 s only while the channel is down.
 */
export function useAssignments(): { assignments: AssignmentRow[]; error: unknown; mode: LiveMode; reload(): void } {
  const mode = useLiveMode();
  const client = useQueryClient();
  const q = useQuery({
    queryKey: queryKeys.assignments,
    queryFn: async ({ signal }) => (await api.assignments(signal)).assignments,
    refetchInterval: mode === 'live' ? false : POLL_MS,
  });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: queryKeys.assignments }, { cancelRefetch: false }), [client]);
  return { assignments: q.data ?? [], error: q.error ?? null, mode, reload };
}
