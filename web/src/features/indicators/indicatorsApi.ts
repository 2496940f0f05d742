import { useQuery } from '@tanstack/react-query';
import { IndicatorRecords, IndicatorTable } from '@railjoint/contracts';
import { request } from '../../api/client';

/** The month's table: every agency's figures for the centre, the reader's own for anyone else. */
export function useIndicatorTable(month: string, lang: string) {
  return useQuery({ queryKey: ['indicators', 'table', month, lang], queryFn: ({ signal }) => request('GET', '/api/indicators', { query: { month }, schema: IndicatorTable, signal }) });
}

export function useIndicatorRecords(q: { indicatorId: string; agencyId: string; month: string } | null) {
  return useQuery({
    queryKey: ['indicators', 'records', q?.indicatorId, q?.agencyId, q?.month],
    queryFn: ({ signal }) => request('GET', `/api/indicators/${encodeURIComponent(q!.indicatorId)}/records`, { query: { agency: q!.agencyId, month: q!.month }, schema: IndicatorRecords, signal }),
    enabled: q !== null,
  });
}
