import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryClient';
import { useLiveMode } from '../../api/useLiveSync';
import { alertApi, alertsQuery, isWaiting, type Alert } from './alertApi';

const POLL_MS = 5000;

export interface Alerts {
  alerts: Alert[];
  /** waiting for the reader's agency, newest first: the server's order */
  waiting: Alert[];
  loaded: boolean;
}

/** The alert centre's list: kept current by the live channel, polled only while it is down. */
export function useAlerts(): Alerts {
  const mode = useLiveMode();
  const q = useQuery({ ...alertsQuery, refetchInterval: mode === 'live' ? false : POLL_MS });
  const alerts = q.data?.alerts ?? [];
  return { alerts, waiting: alerts.filter(isWaiting), loaded: q.data !== undefined };
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => alertApi.acknowledge(id),
    onSuccess: (updated) => {
      // shown taken at once; the live channel's event then refreshes the list for every console
      client.setQueryData<{ alerts: Alert[]; open: number }>(queryKeys.alerts, (old) =>
        old ? { alerts: old.alerts.map((a) => (a.id === updated.id ? updated : a)), open: Math.max(0, old.open - (isWaiting(updated) ? 0 : 1)) } : old,
      );
      void client.invalidateQueries({ queryKey: queryKeys.alerts }, { cancelRefetch: false });
    },
  });
}
