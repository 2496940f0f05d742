import { platformNow } from '../../api/platformClock';
import type { Fix } from './usePosition';

/**
 * A position taken now for a check-in or a finding (the watched one may be a minute old after a
 * walk), or the last one known when the GPS does not answer within a few seconds: the server
 * judges the distance with the reported accuracy, so an older fix is weighed, not trusted.
 */
export function freshFix(last: Fix | null, timeoutMs = 6000): Promise<Fix | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(last);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: Math.min(10_000, Math.max(0, p.coords.accuracy)), at: platformNow() }),
      () => resolve(last),
      { enableHighAccuracy: true, maximumAge: 0, timeout: timeoutMs },
    );
  });
}
