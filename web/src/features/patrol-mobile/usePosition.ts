import { useEffect, useState } from 'react';
import { platformNow } from '../../api/platformClock';

export interface Fix {
  lon: number;
  lat: number;
  accuracyM: number;
  /** the phone's time of the fix (on the platform's clock as the phone last learned it) */
  at: number;
}

export type PositionState = { kind: 'off' } | { kind: 'unavailable' } | { kind: 'waiting' } | { kind: 'fix'; fix: Fix } | { kind: 'error'; code: number; last: Fix | null };

/**
 * The phone's position while a patrol is under way: watched (GPS on), not polled, so a fix is at
 * hand the moment the member checks in. A fix never leaves the phone by itself: the track recorder
 * queues it, like every other write.
 */
export function usePosition(on: boolean): PositionState {
  const [state, setState] = useState<PositionState>({ kind: 'off' });
  useEffect(() => {
    if (!on) {
      setState({ kind: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ kind: 'unavailable' });
      return;
    }
    setState((s) => (s.kind === 'fix' ? s : { kind: 'waiting' }));
    const id = navigator.geolocation.watchPosition(
      (p) => setState({ kind: 'fix', fix: { lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: Math.min(10_000, Math.max(0, p.coords.accuracy)), at: platformNow() } }),
      (e) => setState((s) => ({ kind: 'error', code: e.code, last: s.kind === 'fix' ? s.fix : s.kind === 'error' ? s.last : null })),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [on]);
  return state;
}

/** The last position known, whether or not the GPS answers now. */
export function lastFix(s: PositionState): Fix | null {
  return s.kind === 'fix' ? s.fix : s.kind === 'error' ? s.last : null;
}

/** Metres between two points (haversine): enough to tell "here" from "400 m off". */
export function distanceM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
