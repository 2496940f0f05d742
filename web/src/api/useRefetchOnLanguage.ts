import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../app/i18n/useT';
import { queryKeys } from './queryClient';

/** Reference data the server never words: not read again for a language. */
const WORDLESS = new Set<unknown>([queryKeys.network[0], queryKeys.areas[0], queryKeys.categories[0], queryKeys.agencies[0]]);

/**
 * The server words reasons, routes and reports in the language a request asks for, so a switch
 * of language reads everything shown again (in the background: what is on screen stays meanwhile).
 */
export function useRefetchOnLanguage(): void {
  const { lang } = useT();
  const client = useQueryClient();
  const first = useRef(lang);
  useEffect(() => {
    if (lang === first.current) return;
    first.current = lang;
    // after the provider has set <html lang>, which the requests take their language from
    const id = window.setTimeout(() => void client.invalidateQueries({ predicate: (q) => !WORDLESS.has(q.queryKey[0]) }, { cancelRefetch: false }), 0);
    return () => window.clearTimeout(id);
  }, [lang, client]);
}
