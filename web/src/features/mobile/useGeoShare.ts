import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { platformIso } from '../../api/platformClock';

export const SHARE_EVERY_MS = 30_000;

export type GeoShareState = { kind: 'off' } | { kind: 'unavailable' } | { kind: 'waiting' } | { kind: 'sent'; at: string } | { kind: 'error'; message: string };

/** While `on`, reads the device position and posts it for the unit every 30 s; without geolocation it says so. */
export function useGeoShare(unitId: string | null, on: boolean): GeoShareState {
  const [state, setState] = useState<GeoShareState>({ kind: 'off' });
  useEffect(() => {
    if (!on || !unitId) {
      setState({ kind: 'off' });
      return;
    }
    const geo = typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : null;
    if (!geo) {
      setState({ kind: 'unavailable' });
      return;
    }
    let live = true;
    setState({ kind: 'waiting' });
    const once = () =>
      geo.getCurrentPosition(
        (p) => {
          api.unitPosition(unitId, p.coords.longitude, p.coords.latitude).then(
            () => live && setState({ kind: 'sent', at: platformIso() }),
            (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
          );
        },
        (e) => live && setState({ kind: 'error', message: e.message || String(e.code) }),
        { enableHighAccuracy: true, timeout: 20_000, maximumAge: 10_000 },
      );
    once();
    const timer = window.setInterval(once, SHARE_EVERY_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [unitId, on]);
  return state;
}
