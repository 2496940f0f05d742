import { useQuery } from '@tanstack/react-query';
import type { Category } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';

const NONE: Category[] = [];

export function useCategories(): { categories: Category[]; error: unknown } {
  const q = useQuery({ queryKey: queryKeys.categories, queryFn: ({ signal }) => api.categories(signal), staleTime: Infinity });
  return { categories: q.data ?? NONE, error: q.error ?? null };
}
