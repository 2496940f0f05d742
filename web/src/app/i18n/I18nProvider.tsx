import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18n } from './context';
import { CATALOGUES, initialLanguage, storeLanguage, translate, type Language } from './languages';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);

  useEffect(() => {
    // Screen readers and the browser's font choice for CJK glyphs both follow <html lang>.
    document.documentElement.lang = lang;
    const catalogue = CATALOGUES[lang];
    document.title = `${catalogue['app.name']} ${catalogue['app.title']}`;
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    storeLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[lang];
    const formats = new Map<number, Intl.NumberFormat>();
    return {
      lang,
      setLang,
      t: (key, params) => translate(catalogue, key, params),
      num: (n, digits = 0) => {
        let f = formats.get(digits);
        if (!f) {
          f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
          formats.set(digits, f);
        }
        return f.format(n);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
