import type { Category } from '@railjoint/contracts';

interface Entry {
  category: Category;
  zh: string;
  en: string;
  /** full pinyin without spaces: "jidalieche" */
  full: string;
  /** first letters of the syllables, e.g. "jdlc" */
  initials: string;
}

export type CategoryMatcher = (query: string, limit?: number) => Category[];

/**
 * Call-takers type whatever is fastest: 击打, "jida", or the initials "jdlc". Built once per
 * category list; every keystroke is then a scan of a few dozen strings.
 */
export function buildCategoryMatcher(categories: Category[]): CategoryMatcher {
  const entries: Entry[] = categories.map((c) => {
    const syllables = c.pinyin.toLowerCase().split(/\s+/).filter(Boolean);
    return {
      category: c,
      zh: c.nameZh,
      en: c.nameEn.toLowerCase(),
      full: syllables.join(''),
      initials: syllables.map((s) => s[0]).join(''),
    };
  });
  return (query, limit = 12) => {
    const q = query.trim().toLowerCase().replace(/\s+/g, '');
    if (!q) return categories.slice(0, limit);
    const scored: Array<[number, Category]> = [];
    for (const e of entries) {
      let score = -1;
      if (e.zh.startsWith(q)) score = 0;
      else if (e.initials === q) score = 1;
      else if (e.initials.startsWith(q)) score = 2;
      else if (e.full.startsWith(q)) score = 3;
      else if (e.zh.includes(q)) score = 4;
      else if (e.full.includes(q) || e.en.replace(/\s+/g, '').includes(q)) score = 5;
      if (score >= 0) scored.push([score, e.category]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].basePriority.localeCompare(b[1].basePriority));
    return scored.slice(0, limit).map(([, c]) => c);
  };
}
