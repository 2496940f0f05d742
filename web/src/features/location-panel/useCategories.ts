import { useEffect, useState } from 'react';
import type { Category } from '@railjoint/contracts';
import { api } from '../../api/endpoints';

export function useCategories(): { categories: Category[]; error: unknown } {
  const [state, setState] = useState<{ categories: Category[]; error: unknown }>({ categories: [], error: null });
  useEffect(() => {
    const abort = new AbortController();
    api.categories(abort.signal).then(
      (categories) => !abort.signal.aborted && setState({ categories, error: null }),
      (error: unknown) => !abort.signal.aborted && setState({ categories: [], error }),
    );
    return () => abort.abort();
  }, []);
  return state;
}
