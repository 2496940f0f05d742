import { useMemo } from 'react';
import type { SearchIndex } from './searchIndex';
import { matchLines, matchStations } from './searchIndex';
import { parseQuery } from './parseQuery';
import { usePositionSearch } from './usePositionSearch';
import type { SearchHit } from './searchHit';
import type { MessageKey } from '../../app/i18n/zh-CN';

export interface SearchOutcome {
  hits: SearchHit[];
  loading: boolean;
  /** a hint in place of results: why nothing can be looked up yet */
  hint: { key: MessageKey; params?: Record<string, string> } | null;
  errors: Array<{ lineName: string; error: unknown }>;
}

const NO_IDS: string[] = [];

/**
 * Station and line names are matched in the browser from the loaded network; a mileage needs the
 * server's linear referencing, on the typed line, else the chosen line, else the line last clicked.
 */
export function useSearchHits(index: SearchIndex | null, text: string, lineId: string | null, contextLineId: string | null): SearchOutcome {
  const query = useMemo(() => parseQuery(text), [text]);

  const lineIds = useMemo(() => {
    if (!index || query.kind !== 'mileage') return NO_IDS;
    if (query.lineText) return matchLines(index, query.lineText, 3).map((l) => l.id);
    const id = lineId ?? contextLineId;
    return id ? [id] : NO_IDS;
  }, [index, query, lineId, contextLineId]);

  const position = usePositionSearch(lineIds, query.kind === 'mileage' ? query.mileage : null);

  return useMemo<SearchOutcome>(() => {
    const none = { hits: [], loading: false, hint: null, errors: [] };
    if (!index || query.kind === 'empty') return none;
    if (query.kind === 'bad-mileage') return { ...none, hint: { key: 'search.badMileage' } };
    if (query.kind === 'mileage') {
      if (lineIds.length === 0) {
        return query.lineText
          ? { ...none, hint: { key: 'search.unknownLineName', params: { name: query.lineText } } }
          : { ...none, hint: { key: 'search.needLine' } };
      }
      const errors = position.errors.map((e) => ({ lineName: index.lineName(e.lineId), error: e.error }));
      return { hits: position.hits, loading: position.loading, hint: null, errors };
    }
    const stations: SearchHit[] = matchStations(index, query.text).map((s) => ({
      kind: 'station',
      key: `s-${s.id}`,
      id: s.id,
      name: s.name,
      telecode: s.telecode,
      lineNames: s.lineIds.map(index.lineName),
      coordinates: s.coordinates,
    }));
    const lines: SearchHit[] = matchLines(index, query.text).map((l) => ({
      kind: 'line',
      key: `l-${l.id}`,
      id: l.id,
      name: l.name,
      highSpeed: l.highSpeed,
      bounds: l.bounds,
    }));
    return { ...none, hits: [...stations, ...lines] };
  }, [index, query, lineIds, position]);
}
