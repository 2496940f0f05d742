import { useEffect, useState } from 'react';
import type { Agency } from '@railjoint/contracts';
import { api } from '../../api/endpoints';

let cached: Promise<Agency[]> | null = null;

/** Every agency (read once per page load): names for unit lists and the transfer picker. */
export function useAgencies(): Agency[] {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    let live = true;
    cached ??= api.agencies().then((r) => r.agencies);
    cached.then(
      (list) => live && setAgencies(list),
      () => {
        cached = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return agencies;
}
