import { useQuery } from '@tanstack/react-query';
import { AssessmentResult, AssessmentScheme, IndicatorDefs, IndicatorRecords, SchemeList, type SchemeInput } from '@railjoint/contracts';
import { request } from '../../api/client';

const KEY = ['assessment'] as const;

export function useAssessment(period: string, lang: string) {
  return useQuery({ queryKey: [...KEY, 'result', period, lang], queryFn: ({ signal }) => request('GET', `/api/assessment?period=${encodeURIComponent(period)}`, { schema: AssessmentResult, signal }), retry: false });
}

export function useSchemes(lang: string) {
  return useQuery({ queryKey: [...KEY, 'schemes', lang], queryFn: ({ signal }) => request('GET', '/api/assessment/schemes', { schema: SchemeList, signal }) });
}

export function useIndicatorDefs(lang: string) {
  return useQuery({ queryKey: ['indicators', 'defs', lang], queryFn: ({ signal }) => request('GET', '/api/indicators/definitions', { schema: IndicatorDefs, signal }), staleTime: Infinity });
}

export function useRecords(q: { indicatorId: string; agencyId: string; from: string; to: string } | null) {
  return useQuery({
    queryKey: ['indicators', 'records', q],
    queryFn: ({ signal }) => request('GET', `/api/indicators/${encodeURIComponent(q!.indicatorId)}/records?agency=${encodeURIComponent(q!.agencyId)}&from=${encodeURIComponent(q!.from)}&to=${encodeURIComponent(q!.to)}`, { schema: IndicatorRecords, signal }),
    enabled: !!q,
  });
}

export const assessmentKey = KEY;
export const saveScheme = (input: SchemeInput) => request('POST', '/api/assessment/schemes', { body: input, schema: AssessmentScheme });
export const publishPeriod = (period: string) => request('POST', '/api/assessment/publish', { body: { period }, schema: AssessmentResult });
/** the session cookie authenticates the plain link */
export const exportUrl = (period: string, lang: string) => `/api/assessment/export.xlsx?period=${encodeURIComponent(period)}&lang=${encodeURIComponent(lang)}`;
