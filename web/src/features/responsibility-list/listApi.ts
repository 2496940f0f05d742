import { useQuery } from '@tanstack/react-query';
import { LegalBasisList, ResponsibilityListDiff, ResponsibilityListIndex, ResponsibilityListVersion, type ResponsibilityDraftInput } from '@railjoint/contracts';
import { request } from '../../api/client';

/** Every read of the list lives under this key, so one invalidation after a draft or an approval refreshes the tab. */
export const LIST_KEY = ['responsibility-list'] as const;

export function useListIndex() {
  return useQuery({ queryKey: [...LIST_KEY, 'index'], queryFn: ({ signal }) => request('GET', '/api/responsibility-list', { schema: ResponsibilityListIndex, signal }) });
}

export function useListVersion(n: number | null) {
  return useQuery({ queryKey: [...LIST_KEY, 'version', n], queryFn: ({ signal }) => request('GET', `/api/responsibility-list/versions/${n}`, { schema: ResponsibilityListVersion, signal }), enabled: n !== null });
}

export function useListDraft(enabled: boolean) {
  return useQuery({ queryKey: [...LIST_KEY, 'draft'], queryFn: ({ signal }) => request('GET', '/api/responsibility-list/draft', { schema: ResponsibilityListVersion, signal }), enabled });
}

export function useListDiff(from: number | null, to: number | null) {
  return useQuery({ queryKey: [...LIST_KEY, 'diff', from, to], queryFn: ({ signal }) => request('GET', '/api/responsibility-list/diff', { query: { from, to }, schema: ResponsibilityListDiff, signal }), enabled: from !== null && to !== null });
}

export function useLegalBasis(enabled: boolean) {
  return useQuery({ queryKey: [...LIST_KEY, 'basis'], queryFn: ({ signal }) => request('GET', '/api/responsibility-list/legal-basis', { schema: LegalBasisList, signal }), enabled });
}

export const saveDraft = (input: Partial<ResponsibilityDraftInput>) => request('PUT', '/api/responsibility-list/draft', { body: input, schema: ResponsibilityListVersion });
export const discardDraft = () => request('DELETE', '/api/responsibility-list/draft');
export const approveDraft = (draftId: string) => request('POST', '/api/responsibility-list/draft/approve', { body: { draftId }, schema: ResponsibilityListVersion });
/** a plain link the session cookie authenticates, so it downloads whatever the workstation's clock says */
export const exportUrl = (n: number, format: 'pdf' | 'xlsx') => `/api/responsibility-list/versions/${n}/export?format=${format}`;
