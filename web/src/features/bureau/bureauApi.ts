import { useQuery } from '@tanstack/react-query';
import { FederatedBulletinList, FederatedIncidentList, FederationOverview, NodeIndicators } from '@railjoint/contracts';
import { request } from '../../api/client';
import { platformNow } from '../../api/platformClock';
import { DISPLAY_TIME_ZONE } from '../incidents/formatDateTime';

/**
 * The federation's reads. Nothing of another node reaches the live channel, so these are read
 * again every ten seconds while the page is open (and the nav link's once a minute).
 */
const EVERY_MS = 10_000;

export function useFederation(everyMs = EVERY_MS) {
  return useQuery({ queryKey: ['federation', 'overview'], queryFn: ({ signal }) => request('GET', '/api/federation', { schema: FederationOverview, signal }), refetchInterval: everyMs, staleTime: everyMs });
}

export function useFederatedIncidents(enabled: boolean) {
  return useQuery({ queryKey: ['federation', 'incidents', 'open'], queryFn: ({ signal }) => request('GET', '/api/federation/incidents', { query: { open: 'true', limit: 200 }, schema: FederatedIncidentList, signal }), refetchInterval: EVERY_MS, enabled });
}

export function useFederatedBulletins(enabled: boolean) {
  return useQuery({ queryKey: ['federation', 'bulletins'], queryFn: ({ signal }) => request('GET', '/api/federation/bulletins', { query: { limit: 50 }, schema: FederatedBulletinList, signal }), refetchInterval: EVERY_MS, enabled });
}

/** Today (Beijing) as the departments count their days: YYYYMMDD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(platformNow()).replace(/-/g, '');
}

/** A department's incidents received today, by its own `incidents` figure. */
export function useIncidentsToday(node: string, enabled: boolean) {
  const day = today();
  return useQuery({
    queryKey: ['federation', 'indicators', node, day],
    queryFn: async ({ signal }) => {
      const r = await request('GET', `/api/federation/nodes/${encodeURIComponent(node)}/indicators`, { query: { from: day, to: day }, schema: NodeIndicators, signal });
      return r.days.flatMap((d) => d.indicators.filter((i) => i.name === 'incidents').flatMap((i) => i.rows)).reduce((sum, row) => sum + row.value, 0);
    },
    refetchInterval: EVERY_MS,
    enabled,
  });
}
