import { zhCN, type Catalogue, type MessageKey } from './zh-CN';
import { en } from './en';

/** The values double as BCP 47 tags for `<html lang>` and as the API's `lang` parameter. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, Catalogue> = { 'zh-CN': zhCN, en };

const STORAGE_KEY = 'railjoint.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** zh-CN unless this browser chose English before: the console's users are Chinese dispatchers. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage can be blocked by policy; the default language still works
  }
  return 'zh-CN';
}

export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted, but the switch still applies for this page
  }
}

export type Params = Record<string, string | number>;

export function translate(catalogue: Catalogue, key: MessageKey, params?: Params): string {
  const text = catalogue[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
