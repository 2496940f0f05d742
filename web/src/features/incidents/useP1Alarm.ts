import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { openIncidentsQuery } from './useIncidentFeed';
import { beep } from './beep';

/** Incidents this tab registered itself: their call-taker needs no alarm. */
const own = new Set<string>();

export function markOwnIncident(id: string): void {
  own.add(id);
}

/** A P1 not seen before sounds the alarm, in whatever room the dispatcher is. */
export function useP1Alarm(): void {
  const { data } = useQuery(openIncidentsQuery);
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    const seen = known.current;
    if (seen && data.some((i) => i.priority === 'P1' && !seen.has(i.id) && !own.has(i.id))) beep();
    known.current = new Set([...(seen ?? []), ...data.map((i) => i.id)]);
  }, [data]);
}
