import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { SearchHit } from './searchHit';

export interface PositionSearch {
  loading: boolean;
  hits: SearchHit[];
  /** per line asked, so the message can say which line the mileage is not on */
  errors: Array<{ lineId: string; error: unknown }>;
}

const IDLE: PositionSearch = { loading: false, hits: [], errors: [] };
/** Long enough that typing "K123+4" on the way to "K123+456" does not ask the server each time. */
const DEBOUNCE_MS = 250;

/** Asks the server where `mileage` lies on each of the lines (several when a line name was ambiguous). */
export function usePositionSearch(lineIds: string[], mileage: string | null): PositionSearch {
  const [state, setState] = useState<PositionSearch>(IDLE);
  const key = mileage && lineIds.length ? `${lineIds.join(',')}|${mileage}` : '';

  useEffect(() => {
    if (!key || !mileage) {
      setState(IDLE);
      return;
    }
    const abort = new AbortController();
    setState({ loading: true, hits: [], errors: [] });
    const timer = window.setTimeout(async () => {
      const settled = await Promise.allSettled(lineIds.map((id) => api.position(id, mileage, abort.signal)));
      if (abort.signal.aborted) return;
      const hits: SearchHit[] = [];
      const errors: PositionSearch['errors'] = [];
      settled.forEach((s, i) => {
        if (s.status === 'rejected') {
          errors.push({ lineId: lineIds[i]!, error: s.reason });
          return;
        }
        const r = s.value;
        r.candidates.forEach((c, i) =>
          hits.push({
            kind: 'mileage',
            key: `m-${r.lineId}-${i}`,
            lineId: r.lineId,
            lineName: r.lineName,
            mileage: r.mileage,
            coordinates: c.coordinates,
            chain: c.chain,
            n: i + 1,
            count: r.candidates.length,
          }),
        );
      });
      setState({ loading: false, hits, errors });
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      window.clearTimeout(timer);
    };
    // `key` stands for lineIds and mileage: a new array with the same ids must not refetch
  }, [key]);

  return state;
}
