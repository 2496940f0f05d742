import { useCallback } from 'react';
import { useT } from '../../app/i18n/useT';
import { useCategories } from '../location-panel/useCategories';

/**
 * A category's name in the console's language. An incident carries the name it was registered
 * under (in its call-taker's language); the taxonomy has both, so an English screen never shows
 * the Chinese one.
 */
export function useCategoryName(): (incident: { category: string; categoryName: string }) => string {
  const { lang } = useT();
  const { categories } = useCategories();
  return useCallback(
    (i) => {
      const c = categories.find((x) => x.id === i.category);
      return c ? (lang === 'en' ? c.nameEn : c.nameZh) : i.categoryName;
    },
    [categories, lang],
  );
}
