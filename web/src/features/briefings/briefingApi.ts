import { useQuery } from '@tanstack/react-query';
import { Briefing, BriefingList, type BriefingRequest } from '@railjoint/contracts';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';

export function useBriefings() {
  return useQuery({ queryKey: [...queryKeys.briefings, 'list'], queryFn: ({ signal }) => request('GET', '/api/briefings', { schema: BriefingList, signal }) });
}

export function useBriefing(id: string | undefined) {
  return useQuery({ queryKey: [...queryKeys.briefings, 'detail', id ?? ''], queryFn: ({ signal }) => request('GET', `/api/briefings/${encodeURIComponent(id!)}`, { schema: Briefing, signal }), enabled: !!id });
}

export const makeBriefing = (input: BriefingRequest) => request('POST', '/api/briefings', { body: input, schema: Briefing });
/** the session cookie authenticates the plain link */
export const briefingFileUrl = (id: string, format: 'html' | 'pdf') => `/api/briefings/${encodeURIComponent(id)}/export?format=${format}`;
