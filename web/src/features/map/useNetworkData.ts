import { useEffect, useState } from 'react';
import { api, type AreaCollection, type NetworkGeoJSON } from '../../api/endpoints';

export interface NetworkData {
  network: NetworkGeoJSON | null;
  areas: AreaCollection | null;
  networkError: unknown;
  areasError: unknown;
}

/** Lines and areas load independently: a dispatcher can still locate on lines if areas fail. */
export function useNetworkData(): NetworkData {
  const [data, setData] = useState<NetworkData>({ network: null, areas: null, networkError: null, areasError: null });

  useEffect(() => {
    const abort = new AbortController();
    const settle = (patch: Partial<NetworkData>) => {
      if (!abort.signal.aborted) setData((d) => ({ ...d, ...patch }));
    };
    api.network(abort.signal).then(
      (network) => settle({ network }),
      (networkError: unknown) => settle({ networkError }),
    );
    api.areas(abort.signal).then(
      (areas) => settle({ areas }),
      (areasError: unknown) => settle({ areasError }),
    );
    return () => abort.abort();
  }, []);

  return data;
}
