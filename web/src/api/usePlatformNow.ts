import { useEffect, useState } from 'react';
import { onPlatformClockChange, platformNow } from './platformClock';

/**
 * The platform's current time, refreshed every `everyMs` and whenever the measured offset changes:
 * one timer per screen part drives its clocks, and none of them reads the browser's own clock.
 */
export function usePlatformNow(everyMs = 1000): number {
  const [now, setNow] = useState(platformNow);
  useEffect(() => {
    const tick = () => setNow(platformNow());
    const id = window.setInterval(tick, everyMs);
    const stop = onPlatformClockChange(tick);
    return () => {
      window.clearInterval(id);
      stop();
    };
  }, [everyMs]);
  return now;
}
