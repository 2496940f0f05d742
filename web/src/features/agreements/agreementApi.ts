import { useQuery } from '@tanstack/react-query';
import { AgreementCompliance, CooperationAgreement, CooperationAgreementList, type CooperationAgreementInput } from '@railjoint/contracts';
import { request } from '../../api/client';

/** Every read of agreements lives under this key, so one invalidation after a change refreshes the tab. */
export const AGREEMENTS_KEY = ['cooperation-agreements'] as const;

export function useAgreements() {
  return useQuery({ queryKey: [...AGREEMENTS_KEY, 'list'], queryFn: ({ signal }) => request('GET', '/api/agreements', { schema: CooperationAgreementList, signal }) });
}

export function useAgreement(id: string | undefined) {
  return useQuery({ queryKey: [...AGREEMENTS_KEY, 'detail', id ?? ''], queryFn: ({ signal }) => request('GET', `/api/agreements/${encodeURIComponent(id!)}`, { schema: CooperationAgreement, signal }), enabled: !!id });
}

export function useCompliance(id: string, month: string) {
  return useQuery({ queryKey: [...AGREEMENTS_KEY, 'compliance', id, month], queryFn: ({ signal }) => request('GET', `/api/agreements/${encodeURIComponent(id)}/compliance`, { query: { month }, schema: AgreementCompliance, signal }), enabled: /^\d{4}-\d{2}$/.test(month) });
}

export const createAgreement = (input: CooperationAgreementInput) => request('POST', '/api/agreements', { body: input, schema: CooperationAgreement });
export const updateAgreement = (id: string, input: CooperationAgreementInput) => request('PUT', `/api/agreements/${encodeURIComponent(id)}`, { body: input, schema: CooperationAgreement });
export const signAgreement = (id: string) => request('POST', `/api/agreements/${encodeURIComponent(id)}/sign`, { schema: CooperationAgreement });
export const fileCopy = async (id: string, file: File) => request('POST', `/api/agreements/${encodeURIComponent(id)}/copies`, { file: { data: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream', name: file.name }, schema: CooperationAgreement });
/** the session cookie authenticates the plain link */
export const copyUrl = (id: string, copyId: string) => `/api/agreements/${encodeURIComponent(id)}/copies/${encodeURIComponent(copyId)}`;
