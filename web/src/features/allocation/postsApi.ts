import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PostCandidate, PostCandidateList, PostPlan, type PostCandidateInput } from '@railjoint/contracts';
import { request } from '../../api/client';

export interface PostParams {
  p: number;
  limitMin: number;
  method: 'retrospective' | 'nkde' | 'near_repeat' | 'rtm';
  /** keep the cars' current posts and add p more */
  keep: boolean;
  /** the most risk weight one post answers; null: unlimited */
  capacity: number | null;
  /** per agency, the most posts in the proposal */
  budgets: Record<string, number>;
}

export const DEFAULT_POST_PARAMS: PostParams = { p: 20, limitMin: 15, method: 'nkde', keep: true, capacity: null, budgets: {} };

/** The plan last asked for, kept for the map's layer so it draws the same plan the tab showed. */
const KEY = 'railjoint.postPlan';

export function lastPostParams(): PostParams | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<PostParams> | null;
    if (!v || typeof v.p !== 'number' || typeof v.limitMin !== 'number' || typeof v.method !== 'string') return null;
    // a plan remembered before keep and budgets existed was from scratch
    return { ...DEFAULT_POST_PARAMS, keep: false, ...v } as PostParams;
  } catch {
    return null;
  }
}

export function rememberPostParams(p: PostParams): void {
  sessionStorage.setItem(KEY, JSON.stringify(p));
}

export function usePostPlan(p: PostParams | null, enabled = true) {
  return useQuery({
    queryKey: ['allocation', 'posts', p && JSON.stringify(p)],
    queryFn: ({ signal }) =>
      request('POST', '/api/allocation/posts', {
        body: { p: p!.p, limitMin: p!.limitMin, method: p!.method, keep: p!.keep, budgets: p!.budgets, ...(p!.capacity !== null ? { capacity: p!.capacity } : {}) },
        schema: PostPlan,
        signal,
      }),
    enabled: enabled && !!p,
    // the risk and the cars' places move slowly: a plan a few minutes old is the same plan
    staleTime: 300_000,
  });
}

const CANDIDATES = ['allocation', 'post-candidates'] as const;

export function usePostCandidates() {
  return useQuery({ queryKey: CANDIDATES, queryFn: async ({ signal }) => (await request('GET', '/api/allocation/post-candidates', { schema: PostCandidateList, signal })).candidates });
}

/** Adding or removing a place changes the candidates, so every plan asked before is stale. */
export function useCandidateChanges() {
  const qc = useQueryClient();
  const settled = () => {
    void qc.invalidateQueries({ queryKey: CANDIDATES });
    void qc.invalidateQueries({ queryKey: ['allocation', 'posts'] });
  };
  const add = useMutation({ mutationFn: (input: PostCandidateInput) => request('POST', '/api/allocation/post-candidates', { body: input, schema: PostCandidate }), onSuccess: settled });
  const remove = useMutation({ mutationFn: (id: string) => request('DELETE', `/api/allocation/post-candidates/${encodeURIComponent(id)}`), onSuccess: settled });
  return { add, remove };
}
