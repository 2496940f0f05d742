import { useQuery } from '@tanstack/react-query';
import { PostPlan } from '@railjoint/contracts';
import { request } from '../../api/client';

export interface PostParams {
  p: number;
  limitMin: number;
  method: 'retrospective' | 'nkde' | 'near_repeat' | 'rtm';
}

/** The plan last asked for, kept for the map's layer so it draws the same plan the tab showed. */
const KEY = 'railjoint.postPlan';

export function lastPostParams(): PostParams | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PostParams | null;
    return v && typeof v.p === 'number' && typeof v.limitMin === 'number' && typeof v.method === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function rememberPostParams(p: PostParams): void {
  sessionStorage.setItem(KEY, JSON.stringify(p));
}

export function usePostPlan(p: PostParams | null, enabled = true) {
  return useQuery({
    queryKey: ['allocation', 'posts', p?.p, p?.limitMin, p?.method],
    queryFn: ({ signal }) => request('GET', '/api/allocation/posts', { query: { p: p!.p, limitMin: p!.limitMin, method: p!.method }, schema: PostPlan, signal }),
    enabled: enabled && !!p,
    // the risk and the cars' places move slowly: a plan a few minutes old is the same plan
    staleTime: 300_000,
  });
}
