import { useQuery } from '@tanstack/react-query';
import { api, type AreaCollection, type NetworkGeoJSON } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

export interface NetworkData {
  network: NetworkGeoJSON | null;
  areas: AreaCollection | null;
  networkError: unknown;
  areasError: unknown;
}

/**
 * Lines and areas load independently: a dispatcher can still locate on lines if areas fail. Read
 * once per sign-in and shared by every room's map (the network is the largest answer there is).
 */
export function useNetworkData(): NetworkData {
  const network = useQuery({ queryKey: queryKeys.network, queryFn: ({ signal }) => api.network(signal), staleTime: Infinity });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: ({ signal }) => api.areas(signal), staleTime: Infinity });
  return { network: network.data ?? null, areas: areas.data ?? null, networkError: network.error ?? null, areasError: areas.error ?? null };
}
